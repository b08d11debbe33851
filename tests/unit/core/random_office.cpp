// The random offices of the capacity tests; see random_office.hpp.
#include "unit/core/random_office.hpp"

#include <string>

#include "unit/core/capacity_fixture.hpp"
#include "unit/core/reference_planner.hpp"

namespace amt::testing {

namespace {
constexpr int kDurations[] = {15, 30, 45, 60, 20};
}  // namespace

Catalog random_office(Random& rng, int staff_count) {
  Location l = office();
  for (int d = 0; d < 7; ++d) l.opening_hours[static_cast<size_t>(d)] = {{hm(8), hm(13)}, {hm(14), hm(17)}};
  l.slot_minutes = rng.chance(50) ? 15 : 5;
  std::vector<Service> services;
  const int service_count = 2 + rng.below(4);
  for (int v = 0; v < service_count; ++v) {
    const std::string id = "s" + std::to_string(v);
    Service s = service(id.c_str(), kDurations[rng.below(5)]);
    if (v == 0 && rng.chance(40)) s.routing = Routing::responsible;
    services.push_back(s);
  }
  std::vector<Staff> staff;
  for (int i = 0; i < staff_count; ++i) {
    std::vector<Id> skills;
    for (const Service& s : services)
      if (rng.chance(45)) skills.push_back(s.id);
    const std::string id = "p" + std::to_string(i);
    Staff p = person(id.c_str(), skills);
    for (int d = 0; d < 7; ++d) {
      auto& plan = p.plan[static_cast<size_t>(d)];
      plan.shifts = {{hm(7 + rng.below(3), 5 * rng.below(12)), hm(13 + rng.below(5), 5 * rng.below(12))}};
      if (rng.chance(50)) plan.breaks = {{hm(12, 5 * rng.below(6)), hm(12, 30 + 5 * rng.below(6))}};
    }
    staff.push_back(p);
  }
  Catalog c = catalog(staff, services);
  c.locations = {l};
  for (int k = 0; k < staff_count / 3; ++k) {
    const Instant from = local("2027-03-22", 7) + Minutes{7 * rng.below(1200)};
    c.absences.push_back({"ab" + std::to_string(k), c.staff[static_cast<size_t>(rng.below(staff_count))].id, from,
                          from + Minutes{20 + 10 * rng.below(40)}, ""});
  }
  return c;
}

// Appointments placed by the reference itself (a valid plan), plus some fixed, checked-in,
// cancelled and overlapping ones that a real database can also hold.
std::vector<Appointment> random_bookings(Random& rng, const Catalog& c, int attempts) {
  std::vector<Appointment> booked;
  const Instant now = local("2027-03-20", 7);
  for (int k = 0; k < attempts; ++k) {
    const Service& s = c.services[static_cast<size_t>(rng.below(static_cast<int>(c.services.size())))];
    const LocalDate d = day("2027-03-22") + date::days{rng.below(8)};
    const Instant start = resolve(berlin(), at(d, hm(8 + rng.below(9), 5 * rng.below(12)))).earliest;
    const Staff& someone = c.staff[static_cast<size_t>(rng.below(static_cast<int>(c.staff.size())))];
    const std::string id = "a" + std::to_string(k);
    if (rng.chance(8)) {  // outside the planner's control: may overlap, may sit on anyone
      Appointment a = booking(id.c_str(), s.id.c_str(), someone.id.c_str(), start, s.duration_minutes, rng.chance(50));
      if (rng.chance(30)) a.status = AppointmentStatus::checked_in;
      if (rng.chance(20)) a.status = AppointmentStatus::cancelled;
      booked.push_back(a);
      continue;
    }
    const auto placed = reference::place(c, "mainz", booked, s.id, start, now, {});
    if (!placed) continue;
    for (const Reassignment& m : placed->moves)
      for (Appointment& a : booked)
        if (a.id == m.appointment_id) a.staff_id = m.to_staff;
    booked.push_back(booking(id.c_str(), s.id.c_str(), placed->staff_id.c_str(), start, s.duration_minutes,
                             rng.chance(10)));
  }
  return booked;
}

}  // namespace amt::testing
