// What the PostgreSQL schema itself enforces for the audit log: nobody changes, deletes, truncates
// or overwrites an entry, not even the table's owner with plain SQL.
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

// Runs one statement on the database directly, bypassing the store; "ok" or the server's message.
std::string raw_exec(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return "(connect failed)";
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  const auto status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return "ok";
  return PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY);
}

TEST(PostgresAuditLog, RefusesUpdateDeleteTruncateAndOverwriteThroughRawSql) {
  TestDatabase db = create_postgres_database();
  {
    auto store = open_store(db.url);
    store->migrate();
    store->write([](WriteTx& tx) {
      tx.append_audit({0, at_utc(2027, 3, 8, 9), "u1", "anna", "staff.sign_in", "staff_account", "u1", "real"});
    });
  }
  const std::string refused = "the audit log is append-only";
  EXPECT_EQ(raw_exec(db.url, "UPDATE audit_log SET detail = 'forged'"), refused);
  EXPECT_EQ(raw_exec(db.url, "DELETE FROM audit_log"), refused);
  EXPECT_EQ(raw_exec(db.url, "TRUNCATE audit_log"), refused);
  EXPECT_EQ(raw_exec(db.url, "INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT id, at, account_id,"
                             " account_login, action, subject_type, subject_id, 'forged' FROM audit_log"
                             " ON CONFLICT (id) DO UPDATE SET detail = excluded.detail"),
            refused);
  {
    auto store = open_store(db.url);
    const auto entries = store->audit_entries({});
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].detail, "real");
  }
  db.drop();
}

}  // namespace
}  // namespace amt::store::testing
