// Contract: the booking path's read of a day (WriteTx::appointments_to_plan) sees every change
// before it, however it was made. The SQLite writer answers it from a cache (planning_cache.hpp),
// and a stale answer there would double-book; each test reads once to fill it, changes, reads again.
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

const Instant plan_from = at_utc(2027, 3, 15, 0);
const Instant plan_to = at_utc(2027, 3, 16, 0);

std::string unix_text(Instant t) { return std::to_string(t.time_since_epoch().count()); }

// What the planner relies on, one line per appointment, in the order read.
std::vector<std::string> planning_lines(const std::vector<Appointment>& appointments) {
  std::vector<std::string> out;
  for (const Appointment& a : appointments)
    out.push_back(a.id + " " + a.location_id + " " + a.service_id + " " + a.staff_id + " " +
                  unix_text(a.start) + "-" + unix_text(a.end) + " " + to_string(a.status) +
                  (a.staff_fixed ? " fixed" : ""));
  return out;
}

std::vector<std::string> planned_in_writer(Store& store, Instant from = plan_from, Instant to = plan_to) {
  std::vector<std::string> out;
  store.write([&](WriteTx& tx) { out = planning_lines(tx.appointments_to_plan("mainz", from, to)); });
  return out;
}

struct ThrownOnPurpose : std::runtime_error {
  ThrownOnPurpose() : std::runtime_error("thrown on purpose") {}
};

class PlanningRead : public StoreContract {
 protected:
  // The writer's answer equals a reader's, which never caches; and ids come as expected.
  void expect_planned(const std::vector<std::string>& ids, Instant from = plan_from, Instant to = plan_to) {
    const auto in_writer = planned_in_writer(store(), from, to);
    EXPECT_EQ(in_writer, planning_lines(store().appointments_to_plan("mainz", from, to)));
    std::vector<std::string> read_ids;
    for (const std::string& line : in_writer) read_ids.push_back(line.substr(0, line.find(' ')));
    EXPECT_EQ(read_ids, ids);
  }
  void change(const std::string& id, const std::function<void(Appointment&)>& how) {
    store().write([&](WriteTx& tx) {
      auto a = tx.appointment_by_id(id);
      ASSERT_TRUE(a.has_value());
      how(*a);
      tx.update_appointment(*a);
    });
  }
};

TEST_P(PlanningRead, SeesAnInsertMadeAfterItWasRead) {
  insert(store(), numbered(1));
  expect_planned({"a1"});
  insert(store(), numbered(0));
  insert(store(), numbered(2));
  expect_planned({"a0", "a1", "a2"});
}

TEST_P(PlanningRead, SeesARescheduleWithinTheDayAndToAnotherDay) {
  for (int n = 0; n < 3; ++n) insert(store(), numbered(n));
  const Instant next_day = at_utc(2027, 3, 16, 9);
  expect_planned({"a0", "a1", "a2"});
  expect_planned({}, plan_to, plan_to + std::chrono::days{1});
  change("a0", [](Appointment& a) {  // to the end of the day: the order changes
    a.start = at_utc(2027, 3, 15, 15);
    a.end = a.start + Minutes{30};
  });
  expect_planned({"a1", "a2", "a0"});
  change("a1", [&](Appointment& a) {
    a.start = next_day;
    a.end = next_day + Minutes{30};
  });
  expect_planned({"a2", "a0"});
  expect_planned({"a1"}, plan_to, plan_to + std::chrono::days{1});
}

TEST_P(PlanningRead, ACancellationOrNoShowFreesTheTime) {
  for (int n = 0; n < 3; ++n) insert(store(), numbered(n));
  expect_planned({"a0", "a1", "a2"});
  change("a1", [](Appointment& a) { a.status = AppointmentStatus::cancelled; });
  expect_planned({"a0", "a2"});
  change("a2", [](Appointment& a) { a.status = AppointmentStatus::no_show; });
  expect_planned({"a0"});
}

TEST_P(PlanningRead, SeesAnAppointmentMovedToADeputy) {
  insert(store(), numbered(0));
  expect_planned({"a0"});
  change("a0", [](Appointment& a) {  // what applying an absence does
    a.staff_id = "ben";
    a.staff_fixed = false;
  });
  const auto planned = planned_in_writer(store());
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_NE(planned[0].find(" ben "), std::string::npos) << planned[0];
  expect_planned({"a0"});
}

TEST_P(PlanningRead, SeesItsOwnJobsWritesAndForgetsThemWhenTheJobThrows) {
  insert(store(), numbered(1));
  expect_planned({"a1"});
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    tx.insert_appointment(numbered(0));
    auto a1 = tx.appointment_by_id("a1");
    a1->status = AppointmentStatus::cancelled;
    tx.update_appointment(*a1);
    EXPECT_EQ(planning_lines(tx.appointments_to_plan("mainz", plan_from, plan_to)).size(), 1u);  // a0 only
    throw ThrownOnPurpose();
  }),
               ThrownOnPurpose);
  expect_planned({"a1"});
}

TEST_P(PlanningRead, AJobThatThrowsInAGroupLeavesTheOthersChangesSeen) {
  insert(store(), numbered(5));
  expect_planned({"a5"});
  WriterGate gate(store());
  auto kept = std::async(std::launch::async, [&] { insert(store(), numbered(1)); });
  auto thrown = std::async(std::launch::async, [&] {
    store().write([&](WriteTx& tx) {
      auto a5 = tx.appointment_by_id("a5");
      a5->status = AppointmentStatus::cancelled;
      tx.update_appointment(*a5);
      tx.appointments_to_plan("mainz", plan_from, plan_to);
      throw ThrownOnPurpose();
    });
  });
  auto also_kept = std::async(std::launch::async, [&] { insert(store(), numbered(3)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // all three queue behind the gate
  gate.open();
  EXPECT_NO_THROW(kept.get());
  EXPECT_THROW(thrown.get(), ThrownOnPurpose);
  EXPECT_NO_THROW(also_kept.get());
  expect_planned({"a1", "a3", "a5"});
}

TEST_P(PlanningRead, SeesAWriteByAnotherConnection) {
  insert(store(), numbered(0));
  insert(store(), numbered(1));
  expect_planned({"a0", "a1"});
  // As a command-line tool on the same database would: not through this store at all.
  run_raw_sql(url(), "UPDATE appointments SET status = 'cancelled' WHERE id = 'a0';"
                     "UPDATE appointments SET staff_id = 'ben' WHERE id = 'a1';");
  expect_planned({"a1"});
  EXPECT_NE(planned_in_writer(store())[0].find(" ben "), std::string::npos);
}

TEST_P(PlanningRead, SeesADeletionAndManyChangesInOneJob) {
  for (int n = 0; n < 4; ++n) insert(store(), numbered(n));
  expect_planned({"a0", "a1", "a2", "a3"});
  store().write([&](WriteTx&) {});  // nothing: the next read must not change
  expect_planned({"a0", "a1", "a2", "a3"});
  run_raw_sql(url(), "DELETE FROM appointments WHERE id = 'a3'");
  expect_planned({"a0", "a1", "a2"});
  // More changes at once than the SQLite cache patches one by one.
  store().write([&](WriteTx& tx) {
    for (int n = 10; n < 400; ++n) {
      Appointment a = numbered(n);
      a.start = at_utc(2027, 3, 15, 20) + std::chrono::seconds{n};
      a.end = a.start + Minutes{5};
      a.staff_id = "staff-" + std::to_string(n);  // one person is never booked twice at once
      tx.insert_appointment(a);
    }
  });
  const auto planned = planned_in_writer(store());
  EXPECT_EQ(planned.size(), 3u + 390u);
  EXPECT_EQ(planned, planning_lines(store().appointments_to_plan("mainz", plan_from, plan_to)));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Sqlite, PlanningRead, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, PlanningRead, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace amt::store::testing
