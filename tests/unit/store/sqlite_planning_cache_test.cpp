// The SQLite writer's planning cache against the query it stands in for: random inserts, moves,
// cancellations, deletions, undone savepoints and another connection's writes, compared after each
// step; and its size bound.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "store/sqlite/appointment_rows.hpp"
#include "store/sqlite/migrator.hpp"
#include "store/sqlite/planning_cache.hpp"
#include "store/sqlite/values.hpp"
#include "store_contract.hpp"

namespace amt::store::sqlite {
namespace {

using testing::at_utc;

struct CacheDatabase {
  testing::TestDatabase db = testing::sqlite_backend().create();
  std::string path = db.url.substr(std::string("sqlite:").size());
  std::unique_ptr<Connection> writer;
  CacheDatabase() {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    writer = std::make_unique<Connection>(path, 1024);
    migrate(*writer);
  }
  ~CacheDatabase() {
    writer.reset();
    db.drop();
  }
};

std::string describe(const std::vector<Appointment>& appointments) {
  std::string out;
  for (const Appointment& a : appointments)
    out += a.id + "/" + a.location_id + "/" + a.staff_id + "/" + std::to_string(seconds(a.start)) + "-" +
           std::to_string(seconds(a.end)) + "/" + to_string(a.status) + (a.staff_fixed ? "/fixed" : "") + " ";
  return out;
}

class RandomBookings {
 public:
  explicit RandomBookings(unsigned seed) : random_(seed) {}

  Appointment next() {
    Appointment a = testing::sample_appointment("r" + std::to_string(++count_), start());
    a.end = a.start + Minutes{pick(1, 8) * 15};
    a.location_id = pick(0, 3) == 0 ? "bingen" : "mainz";
    a.staff_id = staff();
    a.status = pick(0, 5) == 0 ? AppointmentStatus::cancelled : AppointmentStatus::booked;
    return a;
  }
  Instant start() { return at_utc(2027, 3, 15 + pick(0, 2), pick(6, 18)) + Minutes{pick(0, 3) * 15}; }
  std::string staff() { return pick(0, 1) == 0 ? "anna" : "ben"; }
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  int count() const { return count_; }

 private:
  std::mt19937 random_;
  int count_ = 0;
};

TEST(SqlitePlanningCache, AnswersAsTheQueryDoesThroughRandomChangesUndoAndOtherWriters) {
  CacheDatabase d;
  Connection& c = *d.writer;
  PlanningCache cache;
  RandomBookings r(20271115);
  const std::vector<std::pair<Instant, Instant>> ranges = {{at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0)},
                                                           {at_utc(2027, 3, 16, 0), at_utc(2027, 3, 17, 0)},
                                                           {at_utc(2027, 3, 15, 10), at_utc(2027, 3, 15, 11)},
                                                           {at_utc(2027, 3, 14, 0), at_utc(2027, 3, 18, 0)}};
  const auto check_all = [&](int step) {
    for (const auto& [from, to] : ranges)
      for (const char* location : {"mainz", "bingen"})
        ASSERT_EQ(describe(cache.appointments_to_plan(c, location, from, to)),
                  describe(appointments_overlapping(c, location, from, to, AppointmentFields::planning)))
            << "step " << step << " " << location << " " << seconds(from);
  };
  const auto change_one = [&] {
    if (r.count() == 0) return;
    auto a = appointment_by_id(c, "r" + std::to_string(r.pick(1, r.count())));
    if (!a) return;
    switch (r.pick(0, 4)) {
      case 0: {
        const auto length = a->end - a->start;
        a->start = r.start();
        a->end = a->start + length;
        break;
      }
      case 1:
        a->status = AppointmentStatus::cancelled;
        break;
      case 2:
        a->status = AppointmentStatus::no_show;
        break;
      case 3:
        a->staff_id = r.staff();
        break;
      default: {
        auto q = c.query("DELETE FROM appointments WHERE id = ?1");
        q.bind(1, a->id).run();
        return;
      }
    }
    update_appointment(c, *a);
  };
  c.exec("BEGIN IMMEDIATE");
  for (int step = 0; step < 400; ++step) {
    const int what = r.pick(0, 19);
    if (what < 8) {
      insert_appointment(c, r.next());
    } else if (what < 14) {
      change_one();
    } else if (what < 16) {  // a job that fails after writing and reading: its savepoint is undone
      c.exec("SAVEPOINT job");
      insert_appointment(c, r.next());
      change_one();
      check_all(step);
      c.exec("ROLLBACK TO job; RELEASE job");
      cache.forget();  // what the writer does after every rollback
    } else if (what < 18) {
      c.exec("COMMIT; BEGIN IMMEDIATE");
    } else {  // another connection writes between two of the writer's transactions
      c.exec("COMMIT");
      Connection other(d.path, 1024);
      insert_appointment(other, r.next());
      change_one();  // on the writer's connection, outside a transaction
      c.exec("BEGIN IMMEDIATE");
    }
    check_all(step);
  }
  c.exec("COMMIT");
}

TEST(SqlitePlanningCache, StaysWithinItsRowBound) {
  CacheDatabase d;
  Connection& c = *d.writer;
  c.exec("BEGIN IMMEDIATE");
  int n = 0;
  for (int day = 15; day <= 17; ++day)
    for (int i = 0; i < 1800; ++i) {
      Appointment a = testing::sample_appointment("b" + std::to_string(++n),
                                                  at_utc(2027, 3, day, 7) + std::chrono::seconds{i});
      insert_appointment(c, a);
    }
  c.exec("COMMIT; BEGIN IMMEDIATE");
  PlanningCache cache;
  for (int round = 0; round < 2; ++round)
    for (int day = 15; day <= 17; ++day) {
      const Instant from = at_utc(2027, 3, day, 0), to = at_utc(2027, 3, day + 1, 0);
      EXPECT_EQ(cache.appointments_to_plan(c, "mainz", from, to).size(), 1800u);
      EXPECT_LE(cache.rows(), PlanningCache::max_rows);
      EXPECT_GE(cache.rows(), 1800u);  // the range just read stays
    }
  c.exec("COMMIT");
}

}  // namespace
}  // namespace amt::store::sqlite
