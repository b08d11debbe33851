// Free start times as a citizen sees them: opening hours, plans, breaks, absences, lead time,
// horizon, holidays, DST, skills, and the caseworker chain.
#include "core/availability.hpp"

#include <gtest/gtest.h>

#include "unit/core/capacity_fixture.hpp"

namespace amt {
namespace {

using namespace amt::testing;

const Instant kLongBefore = local("2027-03-01", 7);

bool offers(const std::vector<DaySlots>& days, Instant start) {
  const auto all = starts(days);
  return std::find(all.begin(), all.end(), start) != all.end();
}

TEST(Availability, KeepsTheSlotGreedyAssignmentWouldLose) {
  // Anna can do X and Y, Ben only X. An X sits on Anna at 09:00; a Y at 09:00 is still possible
  // by moving the X to Ben.
  const Catalog c = catalog({person("anna", {"x", "y"}), person("ben", {"x"})}, {service("x"), service("y")});
  const Planner planner(c, "mainz");
  const std::vector<Appointment> booked = {booking("a1", "x", "anna", local("2027-03-15", 9))};

  const auto days = planner.free_slots(booked, query("y", "2027-03-15", "2027-03-15", kLongBefore));
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 9)), 1);

  const auto placed = planner.place(booked, "y", local("2027-03-15", 9), kLongBefore, {});
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->staff_id, "anna");
  ASSERT_EQ(placed->moves.size(), 1u);
  EXPECT_EQ(placed->moves[0].appointment_id, "a1");
  EXPECT_EQ(placed->moves[0].from_staff, "anna");
  EXPECT_EQ(placed->moves[0].to_staff, "ben");
}

TEST(Availability, AppointmentBoundToItsPersonIsNeverMoved) {
  const Catalog c = catalog({person("anna", {"x", "y"}), person("ben", {"x"})}, {service("x"), service("y")});
  const Planner planner(c, "mainz");
  const std::vector<Appointment> booked = {booking("a1", "x", "anna", local("2027-03-15", 9), 30, true)};

  const auto days = planner.free_slots(booked, query("y", "2027-03-15", "2027-03-15", kLongBefore));
  EXPECT_FALSE(offers(days, local("2027-03-15", 9)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 8, 45)));
  EXPECT_TRUE(offers(days, local("2027-03-15", 9, 30)));
  EXPECT_EQ(planner.place(booked, "y", local("2027-03-15", 9), kLongBefore, {}).error(),
            PlacementError::no_capacity);
}

TEST(Availability, CheckedInAppointmentStaysWithItsPerson) {
  const Catalog c = catalog({person("anna", {"x", "y"}), person("ben", {"x"})}, {service("x"), service("y")});
  const Planner planner(c, "mainz");
  std::vector<Appointment> booked = {booking("a1", "x", "anna", local("2027-03-15", 9))};
  booked[0].status = AppointmentStatus::checked_in;
  EXPECT_FALSE(planner.place(booked, "y", local("2027-03-15", 9), kLongBefore, {}));
  booked[0].status = AppointmentStatus::cancelled;  // holds no time any more
  EXPECT_EQ(planner.place(booked, "y", local("2027-03-15", 9), kLongBefore, {})->moves.size(), 0u);
}

TEST(Availability, BreakRemovesTheStartsThatWouldOverlapIt) {
  Staff anna = person("anna", {"x"});
  anna.plan[0].breaks = {{hm(10), hm(10, 30)}};
  const Planner planner(catalog({anna}, {service("x")}), "mainz");
  const auto days = planner.free_slots({}, query("x", "2027-03-15", "2027-03-15", kLongBefore));
  EXPECT_TRUE(offers(days, local("2027-03-15", 9, 30)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 9, 45)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 10)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 10, 15)));
  EXPECT_TRUE(offers(days, local("2027-03-15", 10, 30)));
  EXPECT_EQ(starts(days).size(), 15u - 3u);  // 08:00..11:30 every 15 minutes, minus three
}

TEST(Availability, AbsenceRemovesTheStartsItTouches) {
  Catalog c = catalog({person("anna", {"x"})}, {service("x")});
  c.absences = {{"ab1", "anna", local("2027-03-15", 9), local("2027-03-15", 11), "Fortbildung"}};
  const Planner planner(c, "mainz");
  const auto days = planner.free_slots({}, query("x", "2027-03-15", "2027-03-16", kLongBefore));
  EXPECT_TRUE(offers(days, local("2027-03-15", 8, 30)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 8, 45)));
  EXPECT_FALSE(offers(days, local("2027-03-15", 10, 45)));
  EXPECT_TRUE(offers(days, local("2027-03-15", 11)));
  EXPECT_TRUE(offers(days, local("2027-03-16", 9)));
}

TEST(Availability, NoStartBeforeLeadTimeAndNoDayAfterHorizon) {
  Service x = service("x");
  x.lead_time_minutes = 120;
  x.horizon_days = 2;
  const Planner planner(catalog({person("anna", {"x"})}, {x}), "mainz");
  const Instant now = local("2027-03-15", 8, 10);
  const auto days = planner.free_slots({}, query("x", "2027-03-15", "2027-03-19", now));
  ASSERT_EQ(days.size(), 3u);  // Monday to Wednesday
  EXPECT_EQ(days.front().slots.front().start, local("2027-03-15", 10, 15));
  EXPECT_EQ(days.back().date, day("2027-03-17"));
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 10), now, {}).error(), PlacementError::outside_window);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-18", 10), now, {}).error(), PlacementError::outside_window);
  EXPECT_TRUE(planner.place({}, "x", local("2027-03-17", 11, 30), now, {}));
}

TEST(Availability, SkipsEasterMondayAndGoodFridayInRhinelandPalatinate) {
  const Planner planner(catalog({person("anna", {"x"})}, {service("x")}), "mainz");
  EXPECT_TRUE(planner.free_slots({}, query("x", "2027-03-29", "2027-03-29", kLongBefore)).empty());
  EXPECT_TRUE(planner.free_slots({}, query("x", "2027-03-26", "2027-03-26", kLongBefore)).empty());
  EXPECT_EQ(planner.place({}, "x", local("2027-03-29", 9), kLongBefore, {}).error(), PlacementError::closed);
}

TEST(Availability, OffersEightOClockLocalOnBothSidesOfTheDstChange) {
  const Planner planner(catalog({person("anna", {"x"})}, {service("x")}), "mainz");
  const auto days = planner.free_slots({}, query("x", "2027-03-22", "2027-03-31", kLongBefore));
  std::vector<std::string> dates;
  for (const DaySlots& d : days) dates.push_back(format_date(d.date));
  EXPECT_EQ(dates, (std::vector<std::string>{"2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25",
                                             "2027-03-30", "2027-03-31"}));
  EXPECT_EQ(format_rfc3339(days[3].slots.front().start, berlin()), "2027-03-25T08:00:00+01:00");
  EXPECT_EQ(format_rfc3339(days[4].slots.front().start, berlin()), "2027-03-30T08:00:00+02:00");
  EXPECT_EQ(format_rfc3339(days[4].slots.back().end, berlin()), "2027-03-30T12:00:00+02:00");
  EXPECT_EQ(days[3].slots.size(), 15u + 15u);  // Thursday has the afternoon too
  EXPECT_EQ(days[4].slots.size(), 15u);
}

TEST(Availability, CountsHowManyMoreBookingsAStartTakes) {
  const Catalog c = catalog({person("a", {"x"}), person("b", {"x"}), person("c", {"x"})}, {service("x")});
  const Planner planner(c, "mainz");
  std::vector<Appointment> booked = {booking("b1", "x", "b", local("2027-03-15", 9))};
  const auto days = planner.free_slots(booked, query("x", "2027-03-15", "2027-03-15", kLongBefore));
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 8)), 3);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 8, 45)), 2);
  EXPECT_EQ(capacity_at(days, local("2027-03-15", 9)), 2);
  for (const char* id : {"n1", "n2"}) {
    const auto placed = planner.place(booked, "x", local("2027-03-15", 9), kLongBefore, {});
    ASSERT_TRUE(placed);
    booked.push_back(booking(id, "x", placed->staff_id.c_str(), local("2027-03-15", 9)));
  }
  EXPECT_EQ(planner.place(booked, "x", local("2027-03-15", 9), kLongBefore, {}).error(),
            PlacementError::no_capacity);
  const auto after = planner.free_slots(booked, query("x", "2027-03-15", "2027-03-15", kLongBefore));
  EXPECT_FALSE(offers(after, local("2027-03-15", 9)));
  EXPECT_EQ(capacity_at(after, local("2027-03-15", 9, 30)), 3);
}

TEST(Availability, RejectsStartsOffTheGridOutsideHoursAndUnknownServices) {
  const Planner planner(catalog({person("anna", {"x"})}, {service("x")}), "mainz");
  EXPECT_EQ(planner.place({}, "nope", local("2027-03-15", 9), kLongBefore, {}).error(),
            PlacementError::unknown_service);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 9, 5), kLongBefore, {}).error(), PlacementError::off_grid);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 9) + std::chrono::seconds{30}, kLongBefore, {}).error(),
            PlacementError::off_grid);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 11, 45), kLongBefore, {}).error(), PlacementError::closed);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-14", 9), kLongBefore, {}).error(), PlacementError::closed);
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 9), local("2027-03-15", 9, 1), {}).error(),
            PlacementError::outside_window);
}

TEST(Availability, InactiveServiceOffersNothing) {
  Service x = service("x");
  x.active = false;
  const Planner planner(catalog({person("anna", {"x"})}, {x}), "mainz");
  EXPECT_TRUE(planner.free_slots({}, query("x", "2027-03-15", "2027-03-19", kLongBefore)).empty());
  EXPECT_EQ(planner.place({}, "x", local("2027-03-15", 9), kLongBefore, {}).error(), PlacementError::unknown_service);
}

}  // namespace
}  // namespace amt
