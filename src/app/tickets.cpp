// Issuing tickets at the kiosk: check-in by booking code, emergency, walk-in. Each is one store
// write; a request id already seen answers with its ticket, so a double tap issues one ticket.
#include "app/tickets.hpp"

#include "app/secrets.hpp"
#include "app/ticket_day.hpp"

namespace amt::app {

Tickets::Tickets(store::Store& store, CatalogHolder& catalogs, const Clock& clock, TicketPolicy policy)
    : store_(store), catalogs_(catalogs), clock_(clock), policy_(policy) {}

std::vector<Ticket> Tickets::today(const Id& location_id) const {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return {};
  const Instant now = clock_.now();
  auto all = store_.tickets(location_id, now - ticket_window, now + ticket_window);
  return of_day(std::move(all), local_date(zone(location->time_zone), now));
}

Result<CheckInAnswer> Tickets::check_in(const Id& location_id, std::string_view code, std::string_view request_id) {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return fail(ErrorKind::not_found, "No such location.");
  const Zone z = zone(location->time_zone);
  const Instant now = clock_.now();
  const LocalDate day = local_date(z, now);
  CheckInAnswer answer;
  store_.write([&](store::WriteTx& tx) {
    answer = {};
    if (auto earlier = tx.ticket_by_request(request_id)) {
      answer = {CheckInVerdict::already_checked_in, earlier, {}, tx.appointment_by_id(earlier->appointment_id)};
      return;
    }
    auto a = tx.appointment_by_code(code);
    if (!a || a->location_id != location_id) return;  // unknown here: no verdict, no ticket
    answer.appointment = a;
    const CheckIn verdict = evaluate_check_in(*a, location_id, z, now, policy_.check_in);
    answer.verdict = verdict.verdict;
    answer.from = verdict.from;
    if (verdict.verdict == CheckInVerdict::already_checked_in) {
      answer.ticket = ticket_of_appointment(tx, location_id, day, now, a->id);
      return;
    }
    if (verdict.verdict != CheckInVerdict::on_time) return;
    Ticket t = new_ticket(tx, location_id, day, now, TicketKind::appointment);
    t.appointment_id = a->id;
    t.appointment_start = a->start;
    t.staff_id = a->staff_id;
    t.service_id = a->service_id;
    tx.insert_ticket(t, request_id);
    a->status = AppointmentStatus::checked_in;
    tx.update_appointment(*a);
    answer.ticket = t;
    answer.appointment = a;
  });
  return answer;
}

Result<Ticket> Tickets::emergency(const Id& location_id, std::string_view request_id) {
  return issue(location_id, TicketKind::emergency, "", request_id);
}

Result<std::optional<Ticket>> Tickets::walk_in(const Id& location_id, const Id& service_id,
                                               std::string_view request_id) {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return fail(ErrorKind::not_found, "No such location.");
  const Service* service = snapshot->catalog.service(service_id);
  if (service == nullptr || service->location_id != location_id)
    return invalid({{"service", "unknown", "No such service at this location."}});
  if (!walk_in_allowed(*location, local_date(zone(location->time_zone), clock_.now())))
    return std::optional<Ticket>{};  // Terminpflicht: guided to book
  auto issued = issue(location_id, TicketKind::walk_in, service_id, request_id);
  if (!issued) return tl::unexpected(issued.error());
  return std::optional<Ticket>{*issued};
}

Result<Ticket> Tickets::issue(const Id& location_id, TicketKind kind, const Id& service_id,
                              std::string_view request_id) {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return fail(ErrorKind::not_found, "No such location.");
  const Instant now = clock_.now();
  const LocalDate day = local_date(zone(location->time_zone), now);
  Ticket out;
  store_.write([&](store::WriteTx& tx) {
    if (auto earlier = tx.ticket_by_request(request_id)) {
      out = *earlier;
      return;
    }
    out = new_ticket(tx, location_id, day, now, kind);
    out.service_id = service_id;
    tx.insert_ticket(out, request_id);
  });
  return out;
}

}  // namespace amt::app
