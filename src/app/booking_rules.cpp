// Shared checks of booking and rescheduling.
#include "app/booking_rules.hpp"

#include <stdexcept>

#include "core/day_frame.hpp"
#include "core/responsibility.hpp"

namespace amt::app {

Result<Target> resolve_target(const CatalogSnapshot& snapshot, const Id& location_id, const Id& service_id,
                              std::string_view start, std::string_view customer_number, std::string_view name,
                              Channel channel) {
  std::vector<FieldError> errors;
  Target t;
  t.location = snapshot.catalog.location(location_id);
  t.planner = snapshot.planner(location_id);
  if (!t.location || !t.planner) errors.push_back({"location", "unknown", "No such location."});
  t.service = snapshot.catalog.service(service_id);
  if (!t.service || !t.service->active || (t.location && t.service->location_id != t.location->id)) {
    errors.push_back({"service", "unknown", "No such service at this location."});
    t.service = nullptr;
  } else if (!allows(t.service->channels, channel)) {
    errors.push_back({"service", "channel_not_allowed",
                      std::string("This service cannot be booked via ") + to_string(channel) + "."});
  }
  const auto instant = parse_rfc3339(start);
  if (start.empty()) {
    errors.push_back({"start", "required", "A start time is required."});
  } else if (!instant) {
    errors.push_back({"start", "invalid", "Use RFC 3339 with an offset, e.g. 2027-03-15T08:00:00+01:00."});
  }
  if (!customer_number.empty() && !is_valid_customer_number(customer_number))
    errors.push_back({"customer_number", "invalid", "Use 3 to 20 letters and digits."});
  if (!errors.empty()) return invalid(std::move(errors));

  t.start = *instant;
  t.end = t.start + std::chrono::minutes{t.service->duration_minutes};
  if (t.service->routing == Routing::responsible) {
    if (auto who = responsible_staff(snapshot.catalog, t.location->id, customer_number, name))
      t.responsible_chain = responsibility_chain(snapshot.catalog, *who);
  }
  return t;
}

Error placement_error(PlacementError e) {
  switch (e) {
    case PlacementError::unknown_service:
      return {ErrorKind::validation, "The request has invalid fields.",
              {{"service", "unknown", "No such service at this location."}}};
    case PlacementError::off_grid:
      return {ErrorKind::validation, "The request has invalid fields.",
              {{"start", "off_grid", "Appointments start only at the offered times."}}};
    case PlacementError::outside_window:
      return {ErrorKind::validation, "The request has invalid fields.",
              {{"start", "outside_window", "This time is too soon or too far ahead to book."}}};
    case PlacementError::closed:
      return {ErrorKind::validation, "The request has invalid fields.",
              {{"start", "closed", "The office is closed at this time."}}};
    case PlacementError::no_capacity:
      break;
  }
  return {ErrorKind::slot_taken, "This time has just been taken. Please choose another one.", {}};
}

std::vector<Appointment> neighbours(store::WriteTx& tx, const Target& target, const Id& except_id) {
  // Planner::place sees only the local day of the start (appointments are within opening hours),
  // so reading more (this read runs inside the one writer, per booking) would only cost time.
  const Zone zone = target.planner->zone();
  const LocalDate day = local_date(zone, target.start);
  auto all = tx.appointments_to_plan(target.location->id, capacity::local_midnight(zone, day),
                                     capacity::local_midnight(zone, day + date::days{1}));
  if (!except_id.empty()) std::erase_if(all, [&](const Appointment& a) { return a.id == except_id; });
  return all;
}

void apply_moves(store::WriteTx& tx, const std::vector<Reassignment>& moves) {
  for (const Reassignment& m : moves) {
    auto a = tx.appointment_by_id(m.appointment_id);
    if (!a || a->staff_id != m.from_staff) throw std::logic_error("planned move of a changed appointment");
    a->staff_id = m.to_staff;
    tx.update_appointment(*a);
  }
}

}  // namespace amt::app
