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
#include "core/staff_account.hpp"

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

  // --- staff accounts, sessions, sign-in throttling, audit log (issue #4) ---
  // Logins compare case-insensitively. insert returns false when the login is taken.
  virtual std::optional<StaffAccount> staff_account_by_login(std::string_view login) = 0;
  virtual std::optional<StaffAccount> staff_account_by_id(const Id& id) = 0;
  virtual bool insert_staff_account(const StaffAccount& account) = 0;
  // Writes every mutable field (login, name, links, roles, hash, active); throws if the id is unknown.
  virtual void update_staff_account(const StaffAccount& account) = 0;
  virtual void insert_staff_session(const StaffSession& session) = 0;
  virtual std::optional<StaffSession> staff_session(std::string_view token_hash) = 0;
  virtual void touch_staff_session(std::string_view token_hash, Instant last_seen_at) = 0;
  virtual bool delete_staff_session(std::string_view token_hash) = 0;
  virtual int delete_staff_sessions_of(const Id& account_id) = 0;  // sign-out everywhere
  // Sessions idle since before idle_cutoff or created before absolute_cutoff.
  virtual int delete_expired_staff_sessions(Instant idle_cutoff, Instant absolute_cutoff) = 0;
  virtual std::optional<LoginThrottle> login_throttle(std::string_view key) = 0;
  virtual void save_login_throttle(const LoginThrottle& throttle) = 0;  // insert or replace
  virtual void delete_login_throttle(std::string_view key) = 0;
  // Rows whose window started and whose lock ended before cutoff.
  virtual int purge_login_throttles(Instant cutoff) = 0;
  // Append-only: the store refuses to change or delete entries. Returns the new entry's id.
  virtual std::int64_t append_audit(const AuditEntry& entry) = 0;
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

  // --- staff accounts, sessions, audit log (issue #4); changes go through write() ---
  virtual std::optional<StaffAccount> staff_account_by_login(std::string_view login) = 0;
  virtual std::optional<StaffAccount> staff_account_by_id(const Id& id) = 0;
  virtual std::optional<StaffSession> staff_session(std::string_view token_hash) = 0;
  virtual std::optional<LoginThrottle> login_throttle(std::string_view key) = 0;
  // Newest first, at most query.limit entries, filtered by subject and/or account.
  virtual std::vector<AuditEntry> audit_entries(const AuditQuery& query) = 0;
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
