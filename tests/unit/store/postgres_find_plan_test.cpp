// PostgreSQL answers the service center's find from indexes (migration 017): over a few thousand
// bookings of one location, the plan searches each kind of key by index, reaches the rows by
// primary key and reads no table sequentially. And the count of a contact's bookings, which every
// booking makes, reads by index on the generic plan a prepared statement soon runs on, and the
// statements every booking runs settle on such a plan instead of being planned on every call.
#include <libpq-fe.h>

#include <memory>
#include <sstream>

#include "store/appointment_row.hpp"
#include "store/postgres/appointment_rows.hpp"
#include "store/postgres/write_tx.hpp"
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

void pg_plan_exec(PGconn* conn, const std::string& sql) {
  PgResult r(PQexec(conn, sql.c_str()), PQclear);
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(sql.substr(0, 200) + ": " + PQresultErrorMessage(r.get()));
}

// EXPLAIN of sql with the parameters the store would send, one plan line per line.
std::string pg_plan(PGconn* conn, const std::string& sql, const postgres::Params& params) {
  std::vector<const char*> values;
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  PgResult r(PQexecParams(conn, ("EXPLAIN " + sql).c_str(), static_cast<int>(values.size()), nullptr,
                          values.data(), nullptr, nullptr, 0),
             PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw std::runtime_error(PQresultErrorMessage(r.get()));
  std::string out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out += std::string(PQgetvalue(r.get(), i, 0)) + "\n";
  return out;
}

// A connection to db holding 5,000 booked appointments of one location, an hour apart (g = 1 ..
// 5000), of channel, whose contact columns (name, e-mail, phone, customer number) are SQL over g;
// analyzed, so the planner knows them.
PgConn connect_with_bookings(const TestDatabase& db, const std::string& channel, const std::string& contact) {
  PgConn conn(PQconnectdb(db.url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  pg_plan_exec(conn.get(), "INSERT INTO appointments (" AMT_APPOINTMENT_COLUMNS ") SELECT 'id' || g, 'C' || g,"
                           " 'mainz', 'first-application', 'anna', 1800000000 + g * 3600, 1800001800 + g * 3600, '" +
                               channel + "', 'booked', 0, 'hash', " + contact +
                               ", '', 'de', 1790000000 FROM generate_series(1, 5000) AS g");
  pg_plan_exec(conn.get(), "ANALYZE");
  return conn;
}

TEST(PostgresFindPlan, EveryKindOfKeyIsSearchedByIndexAndNoTableIsReadSequentially) {
  TestDatabase db = create_migrated_postgres_database();
  {
    // Each with its own name, phone and customer number.
    PgConn conn = connect_with_bookings(db, "phone", "'Name' || g || ' Caller', '', '0151' || (1000000 + g), 'CN' || g");
    AppointmentSearch s;
    s.code = "C42";
    s.phone_key = "01511000042";
    s.customer_key = "cn42";
    s.name_part = "name42 ";
    s.location_ids = {"mainz", "worms"};
    s.from = Instant{std::chrono::seconds{1790000000}};
    s.to = Instant{std::chrono::seconds{1900000000}};
    const std::string plan = pg_plan(conn.get(), postgres::find_appointments_sql(2), postgres::find_appointments_params(s));
    SCOPED_TRACE(plan);
    EXPECT_NE(plan.find("appointments_code_key"), std::string::npos);
    EXPECT_NE(plan.find("appointments_by_phone_key"), std::string::npos);
    EXPECT_NE(plan.find("appointments_by_customer_key"), std::string::npos);
    EXPECT_NE(plan.find("appointment_name_keys_pkey"), std::string::npos);
    EXPECT_NE(plan.find("appointments_pkey"), std::string::npos);
    EXPECT_EQ(plan.find("Seq Scan"), std::string::npos);
    auto store = open_store(db.url);
    EXPECT_EQ(store->find_appointments(s).size(), 1u);
  }
  db.drop();
}

// Regression: the count was one OR of e-mail and phone, whose generic plan read the whole
// appointments table on every booking once most bookings had no phone number.
TEST(PostgresFindPlan, CountingAContactsBookingsReadsNoTableSequentially) {
  TestDatabase db = create_migrated_postgres_database();
  {
    // Online bookings, each with its own e-mail address and none with a phone number.
    PgConn conn = connect_with_bookings(db, "online", "'Name' || g, 'b' || g || '@example.org', '', ''");
    pg_plan_exec(conn.get(), "PREPARE count_active AS " + postgres::count_active_for_contact_sql(true, false));
    pg_plan_exec(conn.get(), "SET plan_cache_mode = force_generic_plan");
    {
      const std::string plan = pg_plan(conn.get(), "(ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)"
                                                   " EXECUTE count_active('b42@example.org', 1790000000)",
                                       postgres::Params());
      SCOPED_TRACE(plan);
      EXPECT_NE(plan.find("appointments_by_email"), std::string::npos);
      EXPECT_EQ(plan.find("Seq Scan"), std::string::npos);
    }
    pg_plan_exec(conn.get(), "UPDATE appointments SET contact_phone = '01511000040' WHERE id = 'id40'");
    auto store = open_store(db.url);
    store->write([](WriteTx& tx) {
      const Instant now{std::chrono::seconds{1790000000}};
      EXPECT_EQ(tx.count_active_for_contact("b42@example.org", "", now), 1);
      EXPECT_EQ(tx.count_active_for_contact("", "01511000040", now), 1);
      EXPECT_EQ(tx.count_active_for_contact("b40@example.org", "01511000040", now), 1) << "one booking, both keys";
      EXPECT_EQ(tx.count_active_for_contact("b41@example.org", "01511000040", now), 2);
      EXPECT_EQ(tx.count_active_for_contact("", "", now), 0);
    });
  }
  db.drop();
}

// Regression: statements that every booking runs were planned afresh on every call, which cost
// PostgreSQL more than running them (bench/pg_booking.sh, PG_DIAG=1: plans per call). With a NULL
// key in the count's text, the custom plan (that half folded away) always looked cheaper than the
// generic one; for the day locks' generate_series over two parameters, the generic plan expected a
// thousand rows. A prepared statement that is executed often must settle on its generic plan.
TEST(PostgresFindPlan, StatementsOfEveryBookingSettleOnOnePlan) {
  TestDatabase db = create_migrated_postgres_database();
  {
    PgConn conn = connect_with_bookings(db, "online", "'Name' || g, 'b' || g || '@example.org', '', ''");
    const struct {
      std::string name;
      std::string sql;
      std::string arguments;
    } statements[] = {
        {"count_by_email", postgres::count_active_for_contact_sql(true, false), "'new@example.org', 1790000000"},
        {"count_by_phone", postgres::count_active_for_contact_sql(false, true), "'01511000001', 1790000000"},
        {"count_by_both", postgres::count_active_for_contact_sql(true, true),
         "'new@example.org', '01511000001', 1790000000"},
        {"lock_days", postgres::lock_days_sql, "1, 3, 'mainz', '{20800,20801}'"}};
    for (const auto& s : statements) {
      pg_plan_exec(conn.get(), "PREPARE " + s.name + " AS " + s.sql);
      for (int i = 0; i < 10; ++i) pg_plan_exec(conn.get(), "EXECUTE " + s.name + "(" + s.arguments + ")");
      PgResult r(PQexec(conn.get(),
                        ("SELECT generic_plans FROM pg_prepared_statements WHERE name = '" + s.name + "'").c_str()),
                 PQclear);
      ASSERT_EQ(PQntuples(r.get()), 1);
      EXPECT_GT(std::stoi(PQgetvalue(r.get(), 0, 0)), 0) << s.name << " is planned afresh on every call";
    }
  }
  db.drop();
}

}  // namespace
}  // namespace amt::store::testing
