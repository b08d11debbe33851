// The store interface: everything the use cases need from a database, with one SQLite and (later)
// one PostgreSQL implementation. The store's test suite is written against this interface only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/news.hpp"

namespace amt::store {

// A retried POST with the same Idempotency-Key finds what the first attempt did.
struct IdempotencyRecord {
  std::string key;
  std::string request_hash;  // hex SHA-256 of the canonical request
  Id appointment_id;
  std::string token_nonce;   // the manage token is re-derived from it (never stored itself)
  Instant created_at;
};

// The operations allowed inside one write transaction.
class WriteTx {
 public:
  virtual ~WriteTx() = default;
  // Appointments of a location that hold time (not cancelled, not no-show) overlapping [from, to).
  virtual std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) = 0;
  virtual std::optional<Appointment> appointment_by_code(std::string_view code) = 0;
  virtual std::optional<Appointment> appointment_by_id(const Id& id) = 0;
  virtual bool code_exists(std::string_view code) = 0;
  virtual void insert_appointment(const Appointment& a) = 0;
  // Writes every mutable field of an existing appointment (status, staff, times, contact, note).
  virtual void update_appointment(const Appointment& a) = 0;
  // Active future bookings (status booked, start >= now) with this e-mail or phone (already
  // normalised by the caller; an empty one matches nothing).
  virtual int count_active_for_contact(const std::string& email, const std::string& phone,
                                       Instant now) = 0;
  virtual std::optional<IdempotencyRecord> idempotency(std::string_view key) = 0;
  virtual void save_idempotency(const IdempotencyRecord& record) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual void migrate() = 0;             // applies pending versioned migrations
  virtual int schema_version() = 0;       // highest applied migration
  virtual bool ready() = 0;               // can read and write now

  virtual Catalog load_catalog() = 0;
  virtual bool has_catalog() = 0;         // at least one location exists
  // Replaces all reference data (locations, services, staff, plans, absences, rules) in one
  // transaction; appointments stay. Used by seed-demo and, later, the admin pages.
  virtual void replace_catalog(const Catalog& catalog) = 0;

  virtual std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) = 0;
  virtual std::optional<Appointment> appointment_by_code(std::string_view code) = 0;
  virtual std::int64_t count_appointments() = 0;

  // Runs fn inside a write transaction and returns once its changes are durably committed.
  // Concurrent writers may share one commit (group commit); each runs in its own savepoint, so an
  // exception thrown by fn rolls back only fn's changes and is rethrown here.
  // fn may run more than once (PostgreSQL runs it again after losing a race to another writer):
  // it must only write through tx and set its results afresh on every run.
  virtual void write(const std::function<void(WriteTx&)>& fn) = 0;

  // Grows with every committed write; caches compare it to know they are stale.
  virtual std::uint64_t data_version() = 0;

  // Deletes idempotency records created before cutoff; returns how many.
  virtual int purge_idempotency(Instant cutoff) = 0;

  // News (issue #8): every item whatever its dates, texts in language order; the app decides
  // what is shown. save_news inserts or replaces an item with exactly the texts given.
  virtual std::vector<NewsItem> news_items() = 0;
  virtual void save_news(const NewsItem& item) = 0;
};

// "sqlite:var/amtstermin.db" (relative to the working directory) or "sqlite:/abs/path.db".
// Throws std::invalid_argument for an unknown scheme.
std::unique_ptr<Store> open_store(const std::string& url);

// "postgresql://user@host:port/db" (or "postgres://...", any libpq URL) uses PostgreSQL with at
// most pool_size connections; SQLite ignores the options.
struct StoreOptions {
  int pool_size = 8;
};
std::unique_ptr<Store> open_store(const std::string& url, const StoreOptions& options);

}  // namespace amt::store
