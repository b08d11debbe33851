// SqliteStore: reads lease a pooled connection, writes go through the group-commit writer.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/appointment_rows.hpp"
#include "store/sqlite/ticket_rows.hpp"
#include "store/sqlite/catalog_rows.hpp"
#include "store/sqlite/migrator.hpp"
#include "store/sqlite/news_rows.hpp"
#include "store/sqlite/kiosk_key_rows.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {
namespace {

// Page cache per connection in KiB. The server must stay within 64 MB RSS with 100,000
// appointments: one writer plus at most four readers use at most 12 MiB of cache.
constexpr int writer_cache_kib = 4096;
constexpr int reader_cache_kib = 2048;
constexpr std::size_t max_readers = 4;
// The writer checkpoints the WAL inside a commit once it holds this many pages (SQLite's default
// is 1,000). A booking writes about 30 pages, mostly index pages that later bookings write again;
// checkpointing a fourth as often copies each of those once instead of four times and syncs the
// database file a fourth as often: 8 % less writer time per booking, for a WAL of up to 16 MB.
constexpr int writer_checkpoint_pages = 4000;

std::unique_ptr<Connection> open_writer(const std::string& path) {
  auto c = std::make_unique<Connection>(path, writer_cache_kib);
  c->exec(("PRAGMA wal_autocheckpoint=" + std::to_string(writer_checkpoint_pages)).c_str());
  // Each job's SAVEPOINT keeps the pages it changes in a statement journal until it is released.
  // A booking changes more than the 64 KiB SQLite keeps in memory, so by default every group
  // created a temporary file and wrote more pages to it than to the WAL. That journal only serves
  // ROLLBACK TO within the open transaction (crash recovery uses the WAL), so memory loses nothing;
  // it holds one job's pages at a time.
  c->exec("PRAGMA temp_store=MEMORY");
  return c;
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path)
    : path_(path),
      readers_(path, max_readers, reader_cache_kib),
      writer_(open_writer(path), [this] { ++data_version_; },
              [this] { planning_.forget(); }) {}

void SqliteStore::migrate() {
  // Its own short-lived connection: migrations need their own transactions, one per version,
  // which the writer's grouped transactions cannot give.
  Connection c(path_, reader_cache_kib);
  sqlite::migrate(c);
}

int SqliteStore::schema_version() {
  auto lease = readers_.acquire();
  return sqlite::schema_version(*lease);
}

bool SqliteStore::ready() {
  try {
    return writer_.alive() && schema_version() >= latest_version();
  } catch (const std::exception&) {
    return false;
  }
}

Catalog SqliteStore::load_catalog() {
  auto lease = readers_.acquire();
  ReadTransaction snapshot(*lease);
  return sqlite::load_catalog(*lease);
}

bool SqliteStore::has_catalog() {
  auto lease = readers_.acquire();
  return sqlite::has_catalog(*lease);
}

std::int64_t SqliteStore::catalog_version() {
  auto lease = readers_.acquire();
  return sqlite::catalog_version(*lease);
}

void SqliteStore::replace_catalog(const Catalog& catalog) {
  writer_.run([&](Connection& c) { sqlite::replace_catalog(c, catalog); });
}

std::vector<Appointment> SqliteStore::appointments(const Id& location_id, Instant from, Instant to) {
  auto lease = readers_.acquire();
  return appointments_overlapping(*lease, location_id, from, to);
}

std::vector<Appointment> SqliteStore::appointments_to_plan(const Id& location_id, Instant from, Instant to) {
  auto lease = readers_.acquire();
  return appointments_overlapping(*lease, location_id, from, to, AppointmentFields::planning);
}

std::optional<Appointment> SqliteStore::appointment_by_code(std::string_view code) {
  auto lease = readers_.acquire();
  return sqlite::appointment_by_code(*lease, code);
}

std::vector<Ticket> SqliteStore::tickets(const Id& location_id, Instant from, Instant to) {
  auto lease = readers_.acquire();
  return tickets_issued(*lease, location_id, from, to);
}

std::vector<TicketEvent> SqliteStore::ticket_events(const Id& ticket_id) {
  auto lease = readers_.acquire();
  return sqlite::ticket_events(*lease, ticket_id);
}

std::int64_t SqliteStore::count_appointments() {
  auto lease = readers_.acquire();
  return sqlite::count_appointments(*lease);
}

std::vector<Appointment> SqliteStore::find_appointments(const AppointmentSearch& search) {
  auto lease = readers_.acquire();
  return sqlite::find_appointments(*lease, search);
}

void SqliteStore::write(const std::function<void(WriteTx&)>& fn) {
  writer_.run([&](Connection& c) {
    SqliteWriteTx tx(c, planning_);
    fn(tx);
  });
}

int SqliteStore::purge_idempotency(Instant cutoff) {
  int purged = 0;
  writer_.run([&](Connection& c) { purged = sqlite::purge_idempotency(c, cutoff); });
  return purged;
}

std::vector<NewsItem> SqliteStore::news_items() {
  auto lease = readers_.acquire();
  ReadTransaction snapshot(*lease);  // items and texts from one state
  return sqlite::load_news(*lease);
}

void SqliteStore::save_news(const NewsItem& item) {
  writer_.run([&](Connection& c) { sqlite::save_news(c, item); });
}

std::vector<KioskKey> SqliteStore::kiosk_keys() {
  auto lease = readers_.acquire();
  return sqlite::load_kiosk_keys(*lease);
}

std::optional<KioskKey> SqliteStore::kiosk_key_by_hash(std::string_view key_hash) {
  auto lease = readers_.acquire();
  return sqlite::load_kiosk_key(*lease, key_hash);
}

void SqliteStore::insert_kiosk_key(const KioskKey& key) {
  writer_.run([&](Connection& c) { sqlite::insert_kiosk_key(c, key); });
}

bool SqliteStore::revoke_kiosk_key(const Id& id, Instant at) {
  bool revoked = false;
  writer_.run([&](Connection& c) { revoked = sqlite::revoke_kiosk_key(c, id, at); });
  return revoked;
}


}  // namespace amt::store::sqlite
