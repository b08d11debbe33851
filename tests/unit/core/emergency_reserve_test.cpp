// The emergency reserve: which staff time is held back (the rule on plain cell rows), and that the
// planner neither offers nor books it, on every path that goes through it.
#include "core/emergency_reserve.hpp"

#include <gtest/gtest.h>

#include "core/availability.hpp"
#include "unit/core/capacity_fixture.hpp"

namespace amt {
namespace {

using namespace amt::testing;
using capacity::CellRange;
using capacity::HeldCell;
using capacity::Word;

constexpr int kCells = 288;  // a day without a DST change
constexpr int k0800 = 96, k1200 = 144;

// One word per cell; bit s set: staff s works that cell.
std::vector<Word> rows_with(Word who, int begin, int end) {
  std::vector<Word> rows(kCells, 0);
  for (int c = begin; c < end; ++c) rows[static_cast<std::size_t>(c)] = who;
  return rows;
}

std::vector<HeldCell> hold(const std::vector<CellRange>& opening, int minutes, const std::vector<Word>& rows) {
  return capacity::emergency_hold(opening, minutes, rows.data(), kCells, 1);
}

TEST(EmergencyReserve, HoldsTheLastMinutesOfTheOpeningHoursOfTheFirstPersonWorking) {
  const auto held = hold({{k0800, k1200}}, 60, rows_with(0b11, k0800, k1200));
  ASSERT_EQ(held.size(), 12u);  // 11:00-12:00
  for (std::size_t i = 0; i < held.size(); ++i) {
    EXPECT_EQ(held[i].cell, k1200 - 1 - static_cast<int>(i));
    EXPECT_EQ(held[i].staff, 0);
  }
}

TEST(EmergencyReserve, RoundsUpToWholeFiveMinuteCells) {
  EXPECT_EQ(hold({{k0800, k1200}}, 37, rows_with(0b1, k0800, k1200)).size(), 8u);
  EXPECT_TRUE(hold({{k0800, k1200}}, 0, rows_with(0b1, k0800, k1200)).empty());
}

TEST(EmergencyReserve, StaysWithOneDeskWhileThatPersonWorks) {
  // Staff 0 leaves at 11:30: the reserve starts on staff 1 at closing and keeps to staff 1 even
  // before 11:30, where staff 0 would come first in staff order.
  auto rows = rows_with(0b11, k0800, k1200);
  for (int c = 138; c < k1200; ++c) rows[static_cast<std::size_t>(c)] = 0b10;
  for (const HeldCell& h : hold({{k0800, k1200}}, 60, rows)) EXPECT_EQ(h.staff, 1) << h.cell;
}

TEST(EmergencyReserve, SkipsCellsNobodyWorksAndReachesIntoEarlierOpeningRanges) {
  // Open 08:00-12:00 and 14:00-15:00, but nobody works after 14:30: the reserve takes 14:00-14:30
  // and the rest before noon.
  std::vector<Word> rows = rows_with(0b1, k0800, k1200);
  for (int c = 168; c < 174; ++c) rows[static_cast<std::size_t>(c)] = 0b1;
  const auto held = hold({{k0800, k1200}, {168, 180}}, 60, rows);
  ASSERT_EQ(held.size(), 12u);
  EXPECT_EQ(held.front().cell, 173);
  EXPECT_EQ(held[5].cell, 168);
  EXPECT_EQ(held[6].cell, k1200 - 1);
  EXPECT_EQ(held.back().cell, k1200 - 6);
}

TEST(EmergencyReserve, HoldsLessWhenTheDayHasTooLittleStaffedTime) {
  EXPECT_EQ(hold({{k0800, k1200}}, 600, rows_with(0b1, 132, k1200)).size(), 12u);
  EXPECT_TRUE(hold({{k0800, k1200}}, 60, std::vector<Word>(kCells, 0)).empty());
}

// Monday 2027-03-15, open 08:00-12:00; two people work all day.
const Catalog kTwo = catalog({person("anna", {"x"}), person("ben", {"x"})}, {service("x")});
const Instant kBefore = local("2027-03-01", 7);

TEST(EmergencyReserve, PlannerOffersOneDeskLessInTheHeldBackHour) {
  const Planner planner(kTwo, "mainz", 60);
  const auto days = planner.free_slots({}, query("x", "2027-03-15", "2027-03-15", kBefore));
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 10, 30)), 2);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 10, 45)), 1);  // runs into 11:00
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 11, 30)), 1);
  EXPECT_EQ(planner.held_back_minutes(day("2027-03-15")), 60);
  EXPECT_EQ(planner.held_back_minutes(day("2027-03-20")), 0);  // Saturday: closed
  EXPECT_EQ(Planner(kTwo, "mainz").held_back_minutes(day("2027-03-15")), 0);
}

TEST(EmergencyReserve, BookingIntoTheHeldBackTimeIsRefused) {
  const Planner planner(kTwo, "mainz", 60);
  const Instant at_11 = local("2027-03-15", 11);
  const auto first = planner.place({}, "x", at_11, kBefore, {});
  ASSERT_TRUE(first);
  std::vector<Appointment> booked = {booking("a1", "x", first->staff_id.c_str(), at_11)};
  const auto second = planner.place(booked, "x", at_11, kBefore, {});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), PlacementError::no_capacity);
  // Without the reserve the second desk would have taken it.
  EXPECT_TRUE(Planner(kTwo, "mainz").place(booked, "x", at_11, kBefore, {}));
}

TEST(EmergencyReserve, OnePersonOfficeOffersNothingInTheHeldBackTime) {
  const Catalog one = catalog({person("anna", {"x"})}, {service("x")});
  const Planner planner(one, "mainz", 60);
  const auto days = planner.free_slots({}, query("x", "2027-03-15", "2027-03-15", kBefore));
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 10, 30)), 1);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 10, 45)), 0);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 11, 30)), 0);
  EXPECT_FALSE(planner.place({}, "x", local("2027-03-15", 11, 30), kBefore, {}));
}

TEST(EmergencyReserve, AppointmentBookedBeforeTheReserveKeepsItsPlace) {
  // Booked before the reserve was configured: it stays and is counted, nothing else goes there.
  const Catalog one = catalog({person("anna", {"x"})}, {service("x")});
  const Planner planner(one, "mainz", 60);
  const std::vector<Appointment> booked = {booking("a1", "x", "anna", local("2027-03-15", 11))};
  const auto days = planner.free_slots(booked, query("x", "2027-03-15", "2027-03-15", kBefore));
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 10, 30)), 1);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 11)), 0);
}

}  // namespace
}  // namespace amt
