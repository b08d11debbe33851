// SQLite answers the service center's find from indexes (migration 017): its query plan searches
// each kind of key by index and reaches the rows by primary key, scanning no table; and bookings
// written before the migration are found by their name, phone and customer number after it.
#include <sqlite3.h>

#include <filesystem>
#include <functional>

#include "store/migrations.hpp"
#include "store/sqlite/appointment_rows.hpp"
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

struct SqliteFile {
  TestDatabase temp = sqlite_backend().create();
  std::string path = temp.url.substr(std::string("sqlite:").size());
  sqlite3* db = nullptr;
  SqliteFile() {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  }
  ~SqliteFile() {
    sqlite3_close(db);
    temp.drop();
  }
  void exec(const std::string& sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return;
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(message + " in: " + sql.substr(0, 200));
  }
  // The "detail" lines of EXPLAIN QUERY PLAN, one per line.
  std::string plan(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db));
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW) out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)) + std::string("\n");
    sqlite3_finalize(stmt);
    return out;
  }
};

// The migrated store of f holding 200 numbered appointments, each changed by vary; analyzed, so
// the query planner knows them.
std::unique_ptr<Store> with_bookings(const SqliteFile& f, const std::function<void(Appointment&, int)>& vary) {
  f.exec("SELECT 1");
  auto store = open_store(f.temp.url);
  store->migrate();
  for (int n = 0; n < 200; ++n) {
    Appointment a = numbered(n);
    vary(a, n);
    insert(*store, a);
  }
  f.exec("ANALYZE");
  return store;
}

TEST(SqliteFindPlan, EveryKindOfKeyIsSearchedByIndexAndNoTableIsScanned) {
  SqliteFile f;
  // The office's switchboard number on every booking: statistics that would tempt SQLite to scan.
  auto store = with_bookings(f, [](Appointment& a, int n) {
    a.contact.name = "Caller " + std::to_string(n);
    a.customer_number = n % 2 ? "" : "CN" + std::to_string(n);
  });
  const std::string plan = f.plan(sqlite::find_appointments_sql(2));
  SCOPED_TRACE(plan);
  EXPECT_NE(plan.find("SEARCH appointments USING INDEX sqlite_autoindex_appointments_2 (code=?)"), std::string::npos);
  EXPECT_NE(plan.find("SEARCH appointments USING INDEX appointments_by_phone_key (phone_key=?)"), std::string::npos);
  EXPECT_NE(plan.find("SEARCH appointments USING INDEX appointments_by_customer_key (customer_key=?)"),
            std::string::npos);
  EXPECT_NE(plan.find("SEARCH appointment_name_keys USING PRIMARY KEY (name_key>? AND name_key<?)"),
            std::string::npos);
  EXPECT_NE(plan.find("USING INDEX sqlite_autoindex_appointments_1 (id=?)"), std::string::npos);
  EXPECT_EQ(plan.find("SCAN appointments"), std::string::npos);
  EXPECT_EQ(plan.find("SCAN appointment_name_keys"), std::string::npos);
}

// The count of a contact's bookings, made by every booking, reads the partial indexes of
// migration 019 (which leave out the empty e-mail addresses and phone numbers), no table.
TEST(SqliteFindPlan, CountingAContactsBookingsSearchesBothKeysByIndex) {
  SqliteFile f;
  auto store = with_bookings(f, [](Appointment& a, int n) {
    a.contact.email = n % 3 ? "b" + std::to_string(n) + "@example.org" : "";
    a.contact.phone = n % 3 ? "" : "0151" + std::to_string(1000000 + n);
  });
  const std::string plan = f.plan(sqlite::count_active_for_contact_sql);
  SCOPED_TRACE(plan);
  EXPECT_NE(plan.find("SEARCH appointments USING INDEX appointments_by_email (contact_email=?)"), std::string::npos);
  EXPECT_NE(plan.find("SEARCH appointments USING INDEX appointments_by_phone (contact_phone=?)"), std::string::npos);
  EXPECT_EQ(plan.find("SCAN appointments"), std::string::npos);
  store->write([](WriteTx& tx) {
    const Instant before{std::chrono::seconds{1000000000}};
    EXPECT_EQ(tx.count_active_for_contact("b1@example.org", "", before), 1);
    EXPECT_EQ(tx.count_active_for_contact("", "01511000003", before), 1);
    EXPECT_EQ(tx.count_active_for_contact("", "", before), 0) << "the empty keys are no contact";
  });
}

TEST(SqliteFindPlan, BookingsWrittenBeforeTheMigrationAreFoundAfterIt) {
  SqliteFile f;
  f.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
  for (const Migration& m : embedded_migrations()) {
    if (m.engine != "sqlite" || m.version >= 17) continue;
    f.exec(m.sql);
    f.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '" + m.name + "', 0)");
  }
  f.exec("INSERT INTO appointments VALUES ('a1', 'K7M4QX', 'mainz', 'first-application', 'anna', 1800000000,"
         " 1800002700, 'phone', 'booked', 0, 'hash', 'Jürgen Altbestand', '', '+491701112223', 'AB123', '', 'de',"
         " 1790000000)");
  auto store = open_store(f.temp.url);
  store->migrate();
  AppointmentSearch s;
  s.location_ids = {"mainz"};
  s.from = Instant{std::chrono::seconds{1790000000}};
  s.to = Instant{std::chrono::seconds{1810000000}};
  for (auto set : {+[](AppointmentSearch& x) { x.name_part = "altbest"; },
                   +[](AppointmentSearch& x) { x.phone_key = "01701112223"; },
                   +[](AppointmentSearch& x) { x.customer_key = "ab123"; }}) {
    AppointmentSearch one = s;
    set(one);
    const auto found = store->find_appointments(one);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, "K7M4QX");
  }
}

}  // namespace
}  // namespace amt::store::testing
