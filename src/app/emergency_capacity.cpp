// Emergency capacity used today: emergency tickets' service time against the held-back minutes.
#include "app/emergency_capacity.hpp"

#include "core/day_frame.hpp"

namespace amt::app {

namespace {

bool ends_service(TicketAction a) {
  return a == TicketAction::finished || a == TicketAction::requeued || a == TicketAction::no_show ||
         a == TicketAction::transferred || a == TicketAction::cancelled;
}

}  // namespace

Minutes served_minutes(const std::vector<store::TicketEvent>& events, Instant now) {
  std::chrono::seconds served{0};
  bool running = false;
  Instant since{};
  for (const store::TicketEvent& e : events) {
    if (e.action == TicketAction::started && !running) {
      running = true;
      since = e.at;
    } else if (running && ends_service(e.action)) {
      if (e.at > since) served += e.at - since;
      running = false;
    }
  }
  if (running && now > since) served += now - since;
  return std::chrono::duration_cast<Minutes>(served);
}

std::optional<EmergencyCapacity> emergency_capacity_today(store::Store& store, const CatalogSnapshot& snapshot,
                                                          const Id& location_id, Instant now) {
  const Planner* planner = snapshot.planner(location_id);
  if (planner == nullptr) return std::nullopt;
  const LocalDate day = local_date(planner->zone(), now);
  EmergencyCapacity out{day, planner->held_back_minutes(day), 0, 0};
  const Instant from = capacity::local_midnight(planner->zone(), day);
  const Instant to = capacity::local_midnight(planner->zone(), day + date::days{1});
  Minutes used{0};
  for (const Ticket& t : store.tickets(location_id, from, to)) {
    if (t.kind != TicketKind::emergency) continue;
    ++out.emergencies;
    used += served_minutes(store.ticket_events(t.id), now);
  }
  out.used_minutes = static_cast<int>(used.count());
  return out;
}

}  // namespace amt::app
