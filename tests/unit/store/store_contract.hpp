// The store's contract tests: one fixture, parameterised over how to create a fresh database,
// so every Store implementation (SQLite and PostgreSQL) runs the same tests unchanged.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <memory>
#include <ostream>
#include <string>

#include "core/model.hpp"
#include "store/store.hpp"

namespace amt {
// Readable failure messages for the few model types compared as a whole.
inline void PrintTo(const TimeRange& r, std::ostream* os) {
  *os << format_time(r.start) << "-" << format_time(r.end);
}
}  // namespace amt

namespace amt::store::testing {

// A database nobody else uses, and how to get rid of it.
struct TestDatabase {
  std::string url;  // what open_store() takes; opening it again reaches the same data
  std::function<void()> drop;
};

struct StoreBackend {
  std::string name;    // the instantiation's name, e.g. "sqlite"
  std::string engine;  // which embedded migrations apply
  std::function<TestDatabase()> create;           // empty: no schema yet
  std::function<TestDatabase()> create_migrated;  // at the latest schema, as cheaply as the engine allows
};
inline void PrintTo(const StoreBackend& b, std::ostream* os) { *os << b.name; }

class StoreContract : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  Store& store() { return *store_; }
  void reopen();       // closes the store (draining its writer) and opens the same database
  void close_store();  // closes it; nothing of the store stays in this process
  const std::string& url() const { return db_.url; }
  int latest_migration() const;  // the highest embedded version for this backend's engine

 private:
  TestDatabase db_;
  std::unique_ptr<Store> store_;
};

StoreBackend sqlite_backend();
// A fresh database per test on the test run's PostgreSQL (store_contract_postgres.cpp).
StoreBackend postgres_backend();
TestDatabase create_postgres_database();
TestDatabase create_migrated_postgres_database();  // a copy of a template migrated once per process
std::string postgres_admin_url();  // throws when no test PostgreSQL is configured
std::string postgres_database_url(const std::string& database);
void postgres_admin_exec(const std::string& sql);  // as the cluster's superuser; throws on error

// Runs SQL on a test database behind the store's back (close the store meanwhile): to take a
// database back to before a migration and fill it as an older version could have.
void run_raw_sql(const std::string& url, const std::string& sql);

// Fixed points in time, far from "now" so nothing depends on the clock.
Instant at_utc(int year, int month, int day, int hour, int minute = 0);

Catalog sample_catalog();
// A booked appointment in "mainz" for "first-application" with staff "anna".
Appointment sample_appointment(const std::string& id, Instant start, Minutes duration = Minutes{30});
// Appointment n of a row of half-hour appointments from 08:00 UTC on 15 March 2027, id "a<n>".
Appointment numbered(int n);
void insert(Store& store, const Appointment& a);  // one write with one insert
// A staff account of "mainz" created 1 March 2027, 09:00 UTC, display name "Name of <login>".
StaffAccount sample_account(const std::string& id, const std::string& login, const Id& staff_id,
                            RoleSet roles = {Role::agent});
AccountWrite insert_staff_account(Store& store, const StaffAccount& a);  // one write with one insert
// data_version() once the store vouches for it (PostgreSQL: its watch may be reconnecting);
// fails the test after 5 s without.
std::uint64_t known_version(Store& store);
// A pending confirmation mail for appointment_id, due at not_before, with a manage link in its body.
OutboxMessage sample_message(const std::string& id, Instant not_before, const std::string& appointment_id = "a1");

// Blocks the store's writer until released, so the writes issued meanwhile queue up together.
class WriterGate {
 public:
  explicit WriterGate(Store& store)
      : blocker_(std::async(std::launch::async, [&store, this] {
          store.write([this](WriteTx&) { open_.get_future().wait(); });
        })) {}
  void open() {
    open_.set_value();
    blocker_.get();
  }

 private:
  std::promise<void> open_;
  std::future<void> blocker_;
};

void expect_same(const Catalog& expected, const Catalog& actual);
void expect_same(const Appointment& expected, const Appointment& actual);

}  // namespace amt::store::testing
