// The fast capacity engine answers exactly what the straightforward reference engine answers:
// random offices (mixed durations, skills, breaks, absences, fixed and checked-in appointments,
// more than 64 staff, the DST change day, caseworker chains), compared start by start.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/availability.hpp"
#include "unit/core/capacity_fixture.hpp"
#include "unit/core/reference_planner.hpp"

namespace amt {
namespace {

using namespace amt::testing;

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed * 2654435761ULL + 1) {}
  int below(int bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<std::uint64_t>(bound));
  }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

constexpr int kDurations[] = {15, 30, 45, 60, 20};

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

std::string describe(const std::vector<DaySlots>& days) {
  std::string out;
  for (const DaySlots& d : days)
    for (const Slot& s : d.slots)
      out += format_rfc3339(s.start, berlin()) + "=" + std::to_string(s.capacity) + " ";
  return out;
}

std::string describe(const tl::expected<Placement, PlacementError>& p) {
  if (!p) return std::string("error ") + to_string(p.error());
  std::string out = p->staff_id;
  for (const Reassignment& m : p->moves) out += " " + m.appointment_id + ":" + m.from_staff + ">" + m.to_staff;
  return out;
}

void expect_same_answers(std::uint64_t seed, int staff_count, int attempts) {
  Random rng(seed);
  const Catalog c = random_office(rng, staff_count);
  const auto booked = random_bookings(rng, c, attempts);
  // The emergency reserve in both engines: none, part of a cell, a few hours, most of a day.
  const int held = std::array{0, 37, 120, 400}[seed % 4];
  const Planner planner(c, "mainz", held);
  const Instant now = local("2027-03-20", 7);
  for (const Service& s : c.services) {
    SlotQuery q = query(s.id.c_str(), "2027-03-22", "2027-03-29", now);
    if (rng.chance(30)) q.responsible_chain = {c.staff[0].id, c.staff[1].id};
    ASSERT_EQ(describe(planner.free_slots(booked, q)), describe(reference::free_slots(c, "mainz", booked, q, held)))
        << "seed " << seed << " service " << s.id;
  }
  for (int k = 0; k < 40; ++k) {
    const Service& s = c.services[static_cast<size_t>(rng.below(static_cast<int>(c.services.size())))];
    const LocalDate d = day("2027-03-22") + date::days{rng.below(8)};
    const Instant start = resolve(berlin(), at(d, hm(8 + rng.below(9), 5 * rng.below(12)))).earliest;
    std::vector<Id> chain;
    if (rng.chance(20)) chain = {c.staff[2].id};
    ASSERT_EQ(describe(planner.place(booked, s.id, start, now, chain)),
              describe(reference::place(c, "mainz", booked, s.id, start, now, chain, held)))
        << "seed " << seed << " place " << s.id << " at " << format_rfc3339(start, berlin());
  }
}

TEST(CapacityReference, FastEngineAnswersLikeTheReferenceOnSmallCrowdedOffices) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) expect_same_answers(seed, 3 + static_cast<int>(seed % 8), 140);
}

TEST(CapacityReference, FastEngineAnswersLikeTheReferenceWithMoreThanSixtyFourStaff) {
  for (std::uint64_t seed = 100; seed <= 104; ++seed) expect_same_answers(seed, 65 + static_cast<int>(seed % 70), 700);
}

}  // namespace
}  // namespace amt
