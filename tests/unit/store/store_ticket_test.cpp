// Contract: tickets and their life cycle (every change stored with its time), unique request ids
// and numbers, the conditional change that lets only one of many concurrent callers win, and one
// called or in-service ticket per person and day (migration 013).
#include <atomic>
#include <future>
#include <map>
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


// Calls ticket id for staff (to room) if the store lets it: waiting -> called.
bool call_for_staff(Store& store, const std::string& id, const std::string& staff, Instant at) {
  bool called = false;
  store.write([&](WriteTx& tx) {
    called = false;  // set afresh on every run of the job (PostgreSQL may run it again)
    auto t = tx.ticket_by_id(id);
    if (!t) return;
    Ticket changed = *t;
    changed.status = TicketStatus::called;
    changed.staff_id = staff;
    changed.room = "R-" + staff;
    changed.called_at = at;
    called = tx.change_ticket(changed, t->status, {id, TicketAction::called, at, staff, changed.room});
  });
  return called;
}

bool move_ticket(Store& store, const std::string& id, TicketStatus to, TicketAction action, Instant at) {
  bool moved = false;
  store.write([&](WriteTx& tx) {
    moved = false;
    auto t = tx.ticket_by_id(id);
    if (!t) return;
    Ticket changed = *t;
    changed.status = to;
    moved = tx.change_ticket(changed, t->status, {id, action, at, t->staff_id, t->room});
  });
  return moved;
}

Ticket walk_in_ticket(const std::string& id, const std::string& number, Instant issued) {
  Ticket t = sample_ticket(id, number, issued);
  t.kind = TicketKind::walk_in;
  t.appointment_id.clear();
  t.appointment_start.reset();
  t.staff_id.clear();
  return t;
}

TEST_P(StoreContract, SecondCalledTicketForTheSamePersonOnOneDayIsRefusedUntilTheFirstIsDone) {
  const Instant nine = at_utc(2027, 3, 15, 9);
  for (int i = 1; i <= 3; ++i)
    issue(store(), walk_in_ticket("t" + std::to_string(i), "W00" + std::to_string(i), at_utc(2027, 3, 15, 8, i)));
  ASSERT_TRUE(call_for_staff(store(), "t1", "anna", nine));
  EXPECT_FALSE(call_for_staff(store(), "t2", "anna", nine + Minutes{1}));  // anna still has t1 called
  EXPECT_EQ(store().tickets("mainz", day_start, day_end).at(1).status, TicketStatus::waiting);
  EXPECT_EQ(store().ticket_events("t2").size(), 1u);                 // nothing written
  EXPECT_TRUE(call_for_staff(store(), "t2", "ben", nine + Minutes{1}));    // someone else may
  EXPECT_TRUE(call_for_staff(store(), "t1", "anna", nine + Minutes{2}));   // a recall of her own ticket
  ASSERT_TRUE(move_ticket(store(), "t1", TicketStatus::in_service, TicketAction::started, nine + Minutes{3}));
  EXPECT_FALSE(call_for_staff(store(), "t3", "anna", nine + Minutes{4}));  // in service holds the desk too
  ASSERT_TRUE(move_ticket(store(), "t1", TicketStatus::done, TicketAction::finished, nine + Minutes{20}));
  EXPECT_TRUE(call_for_staff(store(), "t3", "anna", nine + Minutes{21}));  // free again
  Ticket next_day = walk_in_ticket("t4", "W001", at_utc(2027, 3, 16, 8));
  next_day.day = *parse_date("2027-03-16");
  issue(store(), next_day);
  EXPECT_TRUE(call_for_staff(store(), "t4", "anna", at_utc(2027, 3, 16, 9)));  // one per day
}

TEST_P(StoreContract, OfManyConcurrentCallsForOnePersonExactlyOneTicketIsCalled) {
  constexpr int callers_count = 12;
  for (int i = 0; i < callers_count; ++i)
    issue(store(), walk_in_ticket("t" + std::to_string(i), "W" + std::to_string(100 + i), at_utc(2027, 3, 15, 8, i)));
  std::atomic<int> wins{0};
  std::vector<std::future<void>> callers;
  for (int i = 0; i < callers_count; ++i)
    callers.push_back(std::async(std::launch::async, [&, i] {
      if (call_for_staff(store(), "t" + std::to_string(i), "anna", at_utc(2027, 3, 15, 9))) ++wins;
    }));
  for (auto& c : callers) c.get();
  EXPECT_EQ(wins.load(), 1);
  int called = 0;
  for (const Ticket& t : store().tickets("mainz", day_start, day_end)) called += t.status == TicketStatus::called;
  EXPECT_EQ(called, 1);
}

Ticket ticket_held_by(const std::string& id, const std::string& number, const std::string& staff, TicketStatus status,
                   Instant called_at) {
  Ticket t = walk_in_ticket(id, number, called_at - Minutes{30});
  t.status = status;
  t.staff_id = staff;
  t.room = "R-" + staff;
  t.called_at = called_at;
  return t;
}

// A database from before migration 013 may hold one person's second called ticket (two servers
// raced, or a call from the command line): migrating keeps the one in service, else the one
// called last, puts the others back in the queue with a stored "requeued", then holds the rule.
TEST_P(StoreContract, MigrationToOneVisitorPerDeskResolvesTicketsHeldTwice) {
  close_store();
  run_raw_sql(url(), "DROP INDEX tickets_one_visitor_per_staff; DELETE FROM schema_migrations WHERE version = 13;");
  reopen();
  const Instant nine = at_utc(2027, 3, 15, 9);
  issue(store(), ticket_held_by("anna-old", "W001", "anna", TicketStatus::called, nine));
  issue(store(), ticket_held_by("anna-new", "W002", "anna", TicketStatus::called, nine + Minutes{5}));
  issue(store(), ticket_held_by("ben-serving", "W003", "ben", TicketStatus::in_service, nine));
  issue(store(), ticket_held_by("ben-called", "W004", "ben", TicketStatus::called, nine + Minutes{9}));
  issue(store(), ticket_held_by("cara", "W005", "cara", TicketStatus::called, nine));
  store().migrate();
  EXPECT_EQ(store().schema_version(), latest_migration());
  std::map<Id, Ticket> by_id;
  for (const Ticket& t : store().tickets("mainz", day_start, day_end)) by_id[t.id] = t;
  EXPECT_EQ(by_id["anna-new"].status, TicketStatus::called);
  EXPECT_EQ(by_id["ben-serving"].status, TicketStatus::in_service);
  EXPECT_EQ(by_id["cara"].status, TicketStatus::called);
  for (const char* id : {"anna-old", "ben-called"}) {
    EXPECT_EQ(by_id[id].status, TicketStatus::waiting) << id;
    EXPECT_EQ(by_id[id].room, "") << id;
    EXPECT_EQ(by_id[id].staff_id, "") << id;  // a walk-in: anyone qualified may call it again
    EXPECT_EQ(store().ticket_events(id).back().action, TicketAction::requeued) << id;
  }
  EXPECT_FALSE(call_for_staff(store(), "anna-old", "anna", nine + Minutes{10}));  // the rule holds from now on
  EXPECT_TRUE(call_for_staff(store(), "anna-old", "dora", nine + Minutes{10}));
}

}  // namespace
}  // namespace amt::store::testing
