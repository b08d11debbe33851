// What the SQLite schema itself enforces for the audit log: nobody can change or delete an entry,
// not even with SQL on the database file.
#include <sqlite3.h>

#include <string>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

// Runs one statement on the database file directly, bypassing the store; returns SQLite's message.
std::string raw_exec(const std::string& url, const char* sql) {
  sqlite3* db = nullptr;
  const std::string path = url.substr(std::string("sqlite:").size());
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "(open failed)";
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  std::string message = rc == SQLITE_OK ? "ok" : (error ? error : "error");
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

TEST(SqliteAuditLog, RefusesUpdateAndDeleteEvenThroughRawSql) {
  TestDatabase db = sqlite_backend().create();
  {
    auto store = open_store(db.url);
    store->migrate();
    store->write([](WriteTx& tx) {
      tx.append_audit({0, at_utc(2027, 3, 8, 9), "u1", "anna", "staff.sign_in", "staff_account", "u1", "from 10.0.0.1"});
    });
  }
  EXPECT_EQ(raw_exec(db.url, "UPDATE audit_log SET detail = 'forged'"), "the audit log is append-only");
  EXPECT_EQ(raw_exec(db.url, "DELETE FROM audit_log"), "the audit log is append-only");
  {
    auto store = open_store(db.url);
    const auto entries = store->audit_entries({});
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].detail, "from 10.0.0.1");
    EXPECT_EQ(entries[0].account_login, "anna");
  }
  db.drop();
}

// INSERT OR REPLACE deletes the conflicting row without firing DELETE triggers; it used to be a
// way to rewrite an entry.
TEST(SqliteAuditLog, RefusesInsertOrReplaceOverAnExistingEntry) {
  TestDatabase db = sqlite_backend().create();
  std::int64_t id = 0;
  {
    auto store = open_store(db.url);
    store->migrate();
    store->write([&](WriteTx& tx) {
      id = tx.append_audit({0, at_utc(2027, 3, 8, 9), "u1", "anna", "staff.sign_in", "staff_account", "u1", "real"});
    });
  }
  const std::string replace = "INSERT OR REPLACE INTO audit_log VALUES (" + std::to_string(id) +
                              ", 0, 'u1', 'anna', 'staff.sign_in', 'staff_account', 'u1', 'forged')";
  EXPECT_EQ(raw_exec(db.url, replace.c_str()), "the audit log is append-only");
  EXPECT_EQ(raw_exec(db.url, "REPLACE INTO audit_log (id, at, account_id, account_login, action, subject_type,"
                             " subject_id, detail) SELECT id, at, '', '', '', '', '', 'forged' FROM audit_log"),
            "the audit log is append-only");
  EXPECT_EQ(raw_exec(db.url, "INSERT INTO audit_log (at, account_id, account_login, action, subject_type,"
                             " subject_id, detail) VALUES (1, '', 'x', 'a', 't', 's', 'appended')"),
            "ok");
  {
    auto store = open_store(db.url);
    const auto entries = store->audit_entries({});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].id, id);
    EXPECT_EQ(entries[1].detail, "real");
    EXPECT_EQ(entries[0].detail, "appended");
  }
  db.drop();
}

}  // namespace
}  // namespace amt::store::testing
