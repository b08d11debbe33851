// The fast capacity engine answers exactly what the straightforward reference engine answers:
// random offices (mixed durations, skills, breaks, absences, fixed and checked-in appointments,
// more than 64 staff, the DST change day, caseworker chains), compared start by start.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/availability.hpp"
#include "unit/core/capacity_fixture.hpp"
#include "unit/core/random_office.hpp"
#include "unit/core/reference_planner.hpp"

namespace amt {
namespace {

using namespace amt::testing;

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
