// The waiting queue on site: emergencies first, appointments by their time, walk-ins last; who may
// call whom; walk-in tickets only before the Terminpflicht cut-off; check-in verdicts.
#include "core/queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/core/capacity_fixture.hpp"

namespace amt {
namespace {

Ticket ticket(const char* id, TicketKind kind, Instant issued, const char* service = "",
              std::optional<Instant> appointment_start = std::nullopt, const char* staff = "") {
  Ticket t;
  t.id = id;
  t.location_id = "mainz";
  t.number = id;
  t.kind = kind;
  t.issued_at = issued;
  t.appointment_start = appointment_start;
  t.staff_id = staff;
  t.service_id = service;
  return t;
}

std::vector<Id> order(std::vector<Ticket> tickets) {
  std::sort(tickets.begin(), tickets.end(), called_before);
  std::vector<Id> ids;
  for (const auto& t : tickets) ids.push_back(t.id);
  return ids;
}

TEST(Queue, EmergenciesComeFirstThenAppointmentsByTimeThenWalkIns) {
  const std::vector<Ticket> tickets = {
      ticket("walk-early", TicketKind::walk_in, testing::local("2027-03-10", 7, 50), "housing"),
      ticket("appt-0930", TicketKind::appointment, testing::local("2027-03-10", 8, 0), "housing", testing::local("2027-03-10", 9, 30)),
      ticket("appt-0900", TicketKind::appointment, testing::local("2027-03-10", 8, 55), "housing", testing::local("2027-03-10", 9)),
      ticket("emergency-late", TicketKind::emergency, testing::local("2027-03-10", 9, 5)),
      ticket("emergency-early", TicketKind::emergency, testing::local("2027-03-10", 8, 40)),
  };
  EXPECT_EQ(order(tickets),
            (std::vector<Id>{"emergency-early", "emergency-late", "appt-0900", "appt-0930", "walk-early"}));
}

TEST(Queue, ArrivingEarlyForAnAppointmentEarnsNoPlaceAheadOfAnEarlierAppointment) {
  const auto early_bird = ticket("b", TicketKind::appointment, testing::local("2027-03-10", 7, 30), "x", testing::local("2027-03-10", 10));
  const auto on_time = ticket("a", TicketKind::appointment, testing::local("2027-03-10", 8, 55), "x", testing::local("2027-03-10", 9));
  EXPECT_TRUE(called_before(on_time, early_bird));
  EXPECT_FALSE(called_before(early_bird, on_time));
}

TEST(Queue, TwoTicketsDrawnInTheSameSecondAreCalledInTheOrderOfTheirNumbers) {
  const Instant same_second = testing::local("2027-03-10", 8, 40);
  auto first = ticket("zz-random-id", TicketKind::emergency, same_second);
  first.number = "N01";
  auto second = ticket("aa-random-id", TicketKind::emergency, same_second);
  second.number = "N02";
  EXPECT_EQ(order({second, first}), (std::vector<Id>{"zz-random-id", "aa-random-id"}));
  EXPECT_EQ(next_ticket({second, first}, Caller{"desk", {}, true}), Id{"zz-random-id"});
}

TEST(Queue, TicketNumberPastItsPaddingStillComesAfterTheShorterOnesDrawnBefore) {
  const Instant same_second = testing::local("2027-03-10", 8, 40);
  auto nine_ninety_nine = ticket("b", TicketKind::walk_in, same_second, "housing");
  nine_ninety_nine.number = "W999";
  auto thousand = ticket("a", TicketKind::walk_in, same_second, "housing");
  thousand.number = "W1000";
  EXPECT_EQ(order({thousand, nine_ninety_nine}), (std::vector<Id>{"b", "a"}));
}

TEST(Queue, TheNumberBreaksOnlyTiesOfTimeNotTheBookedOrder) {
  auto later_booked = ticket("b", TicketKind::appointment, testing::local("2027-03-10", 8, 40), "x",
                             testing::local("2027-03-10", 10));
  later_booked.number = "T001";
  auto earlier_booked = ticket("a", TicketKind::appointment, testing::local("2027-03-10", 8, 40), "x",
                               testing::local("2027-03-10", 9));
  earlier_booked.number = "T002";
  EXPECT_EQ(order({later_booked, earlier_booked}), (std::vector<Id>{"a", "b"}));
}

TEST(Queue, CallerGetsTheirOwnAppointmentsAndConcernsTheyHandle) {
  const Caller anna{"anna", {"housing"}, false};
  std::vector<Ticket> tickets = {
      ticket("for-ben", TicketKind::appointment, testing::local("2027-03-10", 8), "housing", testing::local("2027-03-10", 8), "ben"),
      ticket("other-concern", TicketKind::walk_in, testing::local("2027-03-10", 7), "placement"),
      ticket("emergency", TicketKind::emergency, testing::local("2027-03-10", 8, 30)),
      ticket("walk-in", TicketKind::walk_in, testing::local("2027-03-10", 8, 10), "housing"),
  };
  EXPECT_EQ(next_ticket(tickets, anna), "walk-in");

  const Caller desk{"eva", {}, true};
  EXPECT_EQ(next_ticket(tickets, desk), "emergency");
  tickets[2].status = TicketStatus::called;
  EXPECT_EQ(next_ticket(tickets, desk), std::nullopt);
}

TEST(Queue, NoShowIsNeverCalledAgainByAccident) {
  const Caller anna{"anna", {"housing"}, false};
  auto t = ticket("gone", TicketKind::walk_in, testing::local("2027-03-10", 8), "housing");
  t.status = TicketStatus::no_show;
  EXPECT_EQ(next_ticket({t}, anna), std::nullopt);
  t.status = TicketStatus::waiting;  // put back in the queue on purpose
  EXPECT_EQ(next_ticket({t}, anna), "gone");
}

TEST(Queue, OnlyWaitingEmergenciesRaiseTheAlarmAfterTheTarget) {
  auto t = ticket("n1", TicketKind::emergency, testing::local("2027-03-10", 9));
  EXPECT_FALSE(waits_too_long(t, testing::local("2027-03-10", 9, 30), Minutes{30}));
  EXPECT_TRUE(waits_too_long(t, testing::local("2027-03-10", 9, 31), Minutes{30}));
  t.status = TicketStatus::called;
  EXPECT_FALSE(waits_too_long(t, testing::local("2027-03-10", 10), Minutes{30}));
  const auto walk_in = ticket("w1", TicketKind::walk_in, testing::local("2027-03-10", 9), "housing");
  EXPECT_FALSE(waits_too_long(walk_in, testing::local("2027-03-10", 11), Minutes{30}));
}

TEST(Terminpflicht, WalkInTicketsUntilTheDayBeforeTheCutOffOnly) {
  Location mainz;
  mainz.terminpflicht_from = *parse_date("2027-03-15");
  EXPECT_TRUE(walk_in_allowed(mainz, *parse_date("2027-03-12")));
  EXPECT_TRUE(walk_in_allowed(mainz, *parse_date("2027-03-14")));
  EXPECT_FALSE(walk_in_allowed(mainz, *parse_date("2027-03-15")));
  EXPECT_FALSE(walk_in_allowed(mainz, *parse_date("2027-04-01")));
}

Appointment appointment_at(Instant start, AppointmentStatus status = AppointmentStatus::booked) {
  Appointment a;
  a.id = "a1";
  a.code = "K7M4QX";
  a.location_id = "mainz";
  a.start = start;
  a.end = start + Minutes{30};
  a.status = status;
  return a;
}

TEST(CheckIn, AcceptedFromAnHourBeforeUntilAQuarterAfterTheStart) {
  const auto a = appointment_at(testing::local("2027-03-16", 10));
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-16", 9)).verdict, CheckInVerdict::on_time);
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-16", 10, 15)).verdict, CheckInVerdict::on_time);
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-16", 10, 16)).verdict, CheckInVerdict::late);
  const auto early = evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-16", 8, 20));
  EXPECT_EQ(early.verdict, CheckInVerdict::early);
  EXPECT_EQ(early.from, testing::local("2027-03-16", 9));
}

TEST(CheckIn, WrongDayCancelledAndOtherLocationGetNoTicket) {
  const auto a = appointment_at(testing::local("2027-03-16", 10));
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-15", 10)).verdict, CheckInVerdict::wrong_day);
  EXPECT_EQ(evaluate_check_in(a, "worms", testing::berlin(), testing::local("2027-03-16", 10)).verdict, CheckInVerdict::not_checkable);
  const auto cancelled = appointment_at(testing::local("2027-03-16", 10), AppointmentStatus::cancelled);
  EXPECT_EQ(evaluate_check_in(cancelled, "mainz", testing::berlin(), testing::local("2027-03-16", 10)).verdict,
            CheckInVerdict::not_checkable);
  const auto twice = appointment_at(testing::local("2027-03-16", 10), AppointmentStatus::checked_in);
  EXPECT_EQ(evaluate_check_in(twice, "mainz", testing::berlin(), testing::local("2027-03-16", 10)).verdict,
            CheckInVerdict::already_checked_in);
}

TEST(CheckIn, EarlyMorningAfterTheSummerTimeChangeIsStillTheSameDay) {
  // 30 March 2027, 00:30 local is 29 March 22:30 UTC: the day is the local one.
  const auto a = appointment_at(testing::local("2027-03-30", 8));
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-30", 0, 30)).verdict, CheckInVerdict::early);
  EXPECT_EQ(evaluate_check_in(a, "mainz", testing::berlin(), testing::local("2027-03-29", 23, 30)).verdict, CheckInVerdict::wrong_day);
}

}  // namespace
}  // namespace amt
