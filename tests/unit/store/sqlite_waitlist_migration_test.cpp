// Migration 015 rebuilds SQLite's appointments table (to allow status 'held'): a database written
// before it keeps every appointment, idempotency key and document row, whose foreign keys would
// have cascaded away with the old table had the migration run with foreign keys on.
#include <sqlite3.h>

#include <filesystem>

#include "store/migrations.hpp"
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

void exec_on(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    FAIL() << message << " in: " << sql.substr(0, 200);
  }
}

std::string single_value(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  std::string out = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)) : "";
  sqlite3_finalize(stmt);
  return out;
}

TEST(SqliteWaitlistMigration, RebuildingAppointmentsKeepsRowsThatReferenceThem) {
  const TestDatabase temp = sqlite_backend().create();
  const std::string path = temp.url.substr(std::string("sqlite:").size());
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  exec_on(db, "PRAGMA foreign_keys=ON; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
              "name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
  for (const Migration& m : embedded_migrations()) {
    if (m.engine != "sqlite" || m.version >= 15) continue;
    exec_on(db, m.sql);
    exec_on(db, "INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '" + m.name + "', 0)");
  }
  exec_on(db, "INSERT INTO appointments VALUES ('a1', 'K7M4QX', 'mainz', 'first-application', 'anna', 1800000000,"
              " 1800002700, 'online', 'booked', 0, 'hash', 'Erika', 'e@example.org', '', '', '', 'de', 1790000000)");
  exec_on(db, "INSERT INTO idempotency_keys VALUES ('key-1', 'req', 'a1', 'nonce', 1790000000)");
  exec_on(db, "INSERT INTO documents VALUES ('d1', 'a1', '', 'pass.pdf', 'application/pdf', 10, 'ab', 1790000000)");
  sqlite3_close(db);

  auto store = open_store(temp.url);
  store->migrate();
  EXPECT_GE(store->schema_version(), 15);
  ASSERT_TRUE(store->appointment_by_code("K7M4QX").has_value());
  EXPECT_EQ(store->documents("a1").size(), 1u);
  store.reset();
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(single_value(db, "SELECT COUNT(*) FROM idempotency_keys"), "1");
  EXPECT_EQ(single_value(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), "0");
  // Every index of the old table is back, the reminder run's (migration 014) included.
  EXPECT_EQ(single_value(db, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = "
                             "'index' AND tbl_name = 'appointments' AND sql IS NOT NULL ORDER BY name)"),
            "appointments_booked_by_start appointments_by_customer appointments_by_customer_key appointments_by_email "
            "appointments_by_location appointments_by_phone appointments_by_phone_key appointments_by_staff");
  // The rebuilt table still refuses what the old one refused, and takes the new status.
  EXPECT_NE(sqlite3_exec(db, "UPDATE appointments SET status = 'lost' WHERE id = 'a1'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE appointments SET status = 'held' WHERE id = 'a1'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  temp.drop();
}

}  // namespace
}  // namespace amt::store::testing
