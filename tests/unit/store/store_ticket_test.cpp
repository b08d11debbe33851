// Contract: tickets and their life cycle (every change stored with its time), unique request ids
// and numbers, and the conditional change that lets only one of many concurrent callers win.
#include <atomic>
#include <future>
#include <vector>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

Ticket sample_ticket(const std::string& id, const std::string& number, Instant issued) {
  Ticket t;
  t.id = id;
  t.location_id = "mainz";
  t.day = *parse_date("2027-03-15");
  t.number = number;
  t.kind = TicketKind::appointment;
  t.issued_at = issued;
  t.appointment_id = "a1";
  t.appointment_start = issued + Minutes{20};
  t.staff_id = "anna";
  t.service_id = "first-application";
  return t;
}

void expect_same_ticket(const Ticket& a, const Ticket& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.location_id, b.location_id);
  EXPECT_EQ(a.day, b.day);
  EXPECT_EQ(a.number, b.number);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.issued_at, b.issued_at);
  EXPECT_EQ(a.appointment_id, b.appointment_id);
  EXPECT_EQ(a.appointment_start, b.appointment_start);
  EXPECT_EQ(a.staff_id, b.staff_id);
  EXPECT_EQ(a.service_id, b.service_id);
  EXPECT_EQ(a.room, b.room);
  EXPECT_EQ(a.called_at, b.called_at);
}

const Instant day_start = at_utc(2027, 3, 14, 23);
const Instant day_end = at_utc(2027, 3, 15, 23);

void issue(Store& store, const Ticket& t, const std::string& request_id = "") {
  store.write([&](WriteTx& tx) { tx.insert_ticket(t, request_id); });
}

TEST_P(StoreContract, TicketReadsBackWithEveryFieldAndItsIssuedEvent) {
  Ticket t = sample_ticket("t1", "T001", at_utc(2027, 3, 15, 8));
  issue(store(), t, "req-1");
  auto listed = store().tickets("mainz", day_start, day_end);
  ASSERT_EQ(listed.size(), 1u);
  expect_same_ticket(t, listed[0]);
  store().write([&](WriteTx& tx) {
    ASSERT_TRUE(tx.ticket_by_request("req-1").has_value());
    expect_same_ticket(t, *tx.ticket_by_request("req-1"));
    expect_same_ticket(t, *tx.ticket_by_id("t1"));
    EXPECT_FALSE(tx.ticket_by_request("").has_value());
    EXPECT_FALSE(tx.ticket_by_request("req-2").has_value());
  });
  auto events = store().ticket_events("t1");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, TicketAction::issued);
  EXPECT_EQ(events[0].at, t.issued_at);
  EXPECT_TRUE(store().tickets("mainz", day_end, day_end + Minutes{1440}).empty());
  EXPECT_TRUE(store().tickets("koblenz", day_start, day_end).empty());
}

TEST_P(StoreContract, SecondTicketWithTheSameRequestIdOrNumberOnTheSameDayIsRefused) {
  issue(store(), sample_ticket("t1", "T001", at_utc(2027, 3, 15, 8)), "req-1");
  EXPECT_ANY_THROW(issue(store(), sample_ticket("t2", "T002", at_utc(2027, 3, 15, 8)), "req-1"));
  EXPECT_ANY_THROW(issue(store(), sample_ticket("t3", "T001", at_utc(2027, 3, 15, 9))));
  Ticket next_day = sample_ticket("t4", "T001", at_utc(2027, 3, 16, 8));
  next_day.day = *parse_date("2027-03-16");
  issue(store(), next_day);  // numbers start again every day
  issue(store(), sample_ticket("t5", "T005", at_utc(2027, 3, 15, 9)));  // no request id twice is fine
  issue(store(), sample_ticket("t6", "T006", at_utc(2027, 3, 15, 9)));
  EXPECT_EQ(store().tickets("mainz", day_start, day_end).size(), 3u);
}

TEST_P(StoreContract, TicketChangesOnlyFromTheExpectedStatusAndEveryChangeIsAnEvent) {
  Ticket t = sample_ticket("t1", "T001", at_utc(2027, 3, 15, 8));
  t.appointment_start.reset();
  issue(store(), t);
  Ticket called = t;
  called.status = TicketStatus::called;
  called.room = "A 1.04";
  called.called_at = at_utc(2027, 3, 15, 8, 5);
  bool first = false, second = false;
  store().write([&](WriteTx& tx) {
    first = tx.change_ticket(called, TicketStatus::waiting, {"t1", TicketAction::called, *called.called_at, "anna", "A 1.04"});
    second = tx.change_ticket(called, TicketStatus::waiting, {"t1", TicketAction::called, *called.called_at, "ben", "B 2"});
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);  // already called: nothing written
  Ticket served = called;
  served.status = TicketStatus::in_service;
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.change_ticket(served, TicketStatus::called, {"t1", TicketAction::started, at_utc(2027, 3, 15, 8, 7), "anna", "A 1.04"}));
  });
  expect_same_ticket(served, store().tickets("mainz", day_start, day_end).at(0));
  auto events = store().ticket_events("t1");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].action, TicketAction::called);
  EXPECT_EQ(events[1].staff_id, "anna");
  EXPECT_EQ(events[1].room, "A 1.04");
  EXPECT_EQ(events[1].at, at_utc(2027, 3, 15, 8, 5));
  EXPECT_EQ(events[2].action, TicketAction::started);
  EXPECT_EQ(events[2].at, at_utc(2027, 3, 15, 8, 7));
}

TEST_P(StoreContract, TicketsAndTheirEventsSurviveReopening) {
  issue(store(), sample_ticket("t1", "T001", at_utc(2027, 3, 15, 8)), "req-1");
  issue(store(), sample_ticket("t2", "T002", at_utc(2027, 3, 15, 8, 1)));
  reopen();
  auto listed = store().tickets("mainz", day_start, day_end);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, "t1");
  EXPECT_EQ(listed[1].id, "t2");
  EXPECT_EQ(store().ticket_events("t2").size(), 1u);
}

TEST_P(StoreContract, OfManyConcurrentCallersOfOneTicketExactlyOneWins) {
  issue(store(), sample_ticket("t1", "T001", at_utc(2027, 3, 15, 8)));
  std::atomic<int> wins{0};
  std::vector<std::future<void>> callers;
  for (int i = 0; i < 12; ++i)
    callers.push_back(std::async(std::launch::async, [&, i] {
      bool won = false;  // set afresh on every run of the job (PostgreSQL may run it again)
      store().write([&](WriteTx& tx) {
        won = false;
        auto t = tx.ticket_by_id("t1");
        if (!t || t->status != TicketStatus::waiting) return;
        Ticket called = *t;
        called.status = TicketStatus::called;
        called.room = "R" + std::to_string(i);
        if (tx.change_ticket(called, TicketStatus::waiting, {"t1", TicketAction::called, at_utc(2027, 3, 15, 9), "s" + std::to_string(i), called.room}))
          won = true;
      });
      if (won) ++wins;
    }));
  for (auto& c : callers) c.get();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(store().ticket_events("t1").size(), 2u);
}

}  // namespace
}  // namespace amt::store::testing
