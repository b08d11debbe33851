// The store interface: everything the use cases need from a database, with one SQLite and (later)
// one PostgreSQL implementation. The store's test suite is written against this interface only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/staff_account.hpp"
#include "core/queue.hpp"
#include "core/news.hpp"
#include "core/document_review.hpp"
#include "core/waitlist.hpp"

namespace amt::store {

// A retried POST with the same Idempotency-Key finds what the first attempt did.
struct IdempotencyRecord {
  std::string key;
  std::string request_hash;  // hex SHA-256 of the canonical request
  Id appointment_id;
  std::string token_nonce;   // the manage token is re-derived from it (never stored itself)
  Instant created_at;
};

// --- Outbox and documents (citizen web issue) -------------------------------------------------

enum class OutboxStatus { pending, sent, failed };

// A message to deliver later: written in the transaction of the change it tells about, so it
// exists exactly when that change does. Content is rendered at enqueue time (what the citizen is
// told matches what was committed); transport details (sender, Date, Message-ID) come at delivery.
struct OutboxMessage {
  std::string id;               // random; the mail's Message-ID is derived from it
  std::string channel;          // "email", "sms" ("webhook" reserved for a later worker)
  std::string kind;             // "booking_confirmed", "booking_rescheduled", "booking_cancelled", ...
  Id appointment_id;            // "" when about no appointment
  std::string recipient;
  std::string subject;
  std::string body;             // emptied once sent (it may carry the manage link)
  std::string attachment_name;  // "" when none
  std::string attachment_type;
  std::string attachment;
  std::string qr_text{};        // "" none; the mail shows it as a QR code image (the booking code)
  std::string dedupe_key;       // "" none; enqueueing a second message with the same key does nothing
  Instant not_before;           // first delivery attempt not before this instant
  Instant created_at;
  // Delivery state, filled in by the store when reading.
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;             // claims so far, including the one that returned it
  std::string last_error;
  std::optional<Instant> sent_at;
};

// An uploaded file; the bytes live outside the database, named by sha256.
struct StoredDocument {
  Id id;
  Id appointment_id;
  std::string document;   // which required document it is meant for; "" = other
  std::string file_name;  // sanitised original name, for display only
  std::string media_type; // application/pdf, image/jpeg or image/png (detected from the content)
  std::int64_t size_bytes = 0;
  std::string sha256;     // hex
  Instant uploaded_at;
};

// One stored change of a ticket: what, when, by whom, to which room.
struct TicketEvent {
  Id ticket_id;
  TicketAction action = TicketAction::issued;
  Instant at{};
  Id staff_id;       // who did it; empty for the kiosk
  std::string room;  // the ticket's room after the change
};

// A kiosk board's device key (issue #5): only its SHA-256 is stored; the key itself is shown once.
struct KioskKey {
  Id id;
  std::string key_hash;  // hex SHA-256 of the key
  std::string name;      // e.g. "Eingangshalle links"
  Id location_id;
  Instant issued_at{};
  std::optional<Instant> revoked_at;
  bool operator==(const KioskKey&) const = default;
};

// --- Appointment reminders (issue #8 item 1) ------------------------------------------------

// That the reminder of an appointment on one channel ("email", "sms") for the start it had then
// was queued, or skipped for good (it would come too late, or the citizen booked after its time).
struct ReminderClaim {
  Id appointment_id;
  std::string channel;
  Instant start{};
  bool queued = true;  // false: skipped
  Instant at{};
};

// --- the service center's find (issue #4 item 3, migration 017) ---

// What a caller said, as keys; an empty key matches nothing. Each kind is one index lookup.
struct AppointmentSearch {
  std::string code;               // a booking code, exact
  std::string phone_key;          // phone_search_key() of a normalised number, exact
  std::string customer_key;       // a customer number, ASCII lower-cased, exact
  std::string name_part;          // ASCII lower-cased, any part of the name; ignored below 3 bytes
  std::vector<Id> location_ids;   // only appointments of these locations (none: nothing found)
  Instant from{};                 // holding time (not cancelled, not no-show) overlapping [from, to)
  Instant to{};
  int limit = 50;
};

// What became of a staff account write. The database's unique indexes decide (the login without
// regard to case; one account per staff member, migration 018), so two servers writing at once
// cannot both get past them; a refused write changes nothing. When both would refuse it, the staff
// member is named.
enum class AccountWrite { written, login_taken, staff_member_taken };

// The operations allowed inside one write transaction.
class WriteTx {
 public:
  virtual ~WriteTx() = default;
  // Appointments of a location that hold time (not cancelled, not no-show) overlapping [from, to).
  virtual std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) = 0;
  // The same appointments with only what the planner reads set (id, location, service, staff,
  // start, end, status, staff_fixed): a booking reads a whole day of them inside the writer.
  virtual std::vector<Appointment> appointments_to_plan(const Id& location_id, Instant from, Instant to) = 0;
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

  // --- Outbox and documents ---
  // Queues a message (status pending); false when a message with its dedupe_key already exists.
  virtual bool enqueue_outbox(const OutboxMessage& message) = 0;
  // Deletes the pending messages of kind about the appointment that no worker is delivering at now
  // (no running lease): a queued reminder of a booking that was cancelled or moved. Returns how many.
  virtual int withdraw_outbox(const Id& appointment_id, std::string_view kind, Instant now) = 0;
  // The same for the one message with this dedupe key: a news item's social post when the item is
  // deleted before the post went out. Returns whether it was withdrawn.
  virtual bool withdraw_outbox_message(std::string_view dedupe_key, Instant now) = 0;
  virtual void insert_document(const StoredDocument& document) = 0;
  virtual std::vector<StoredDocument> documents(const Id& appointment_id) = 0;  // oldest first, then insert order
  // Records an anti-bot proof (its unique key) as spent until expires_at; false when it was spent
  // already. Also forgets proofs that expired before now. Holds across servers on one database.
  virtual bool claim_proof(std::string_view key, Instant expires_at, Instant now) = 0;
  // --- staff accounts, sessions, sign-in throttling, audit log (issue #4) ---
  // Logins compare case-insensitively.
  virtual std::optional<StaffAccount> staff_account_by_login(std::string_view login) = 0;
  virtual std::optional<StaffAccount> staff_account_by_id(const Id& id) = 0;
  virtual std::vector<StaffAccount> staff_accounts() = 0;  // every account, by login (ignoring case)
  // Throws if the id is taken.
  [[nodiscard]] virtual AccountWrite insert_staff_account(const StaffAccount& account) = 0;
  // Writes every mutable field (login, name, links, roles, hash, active); throws if the id is unknown.
  [[nodiscard]] virtual AccountWrite update_staff_account(const StaffAccount& account) = 0;
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
  // Tickets (Wartemarken) of a location issued in [from, to), any status, in issue order.
  virtual std::vector<Ticket> tickets(const Id& location_id, Instant from, Instant to) = 0;
  virtual std::optional<Ticket> ticket_by_id(const Id& id) = 0;
  virtual std::optional<Ticket> ticket_by_request(std::string_view request_id) = 0;
  // Inserts a ticket with its "issued" event. A second ticket with the same id, request id (''
  // is none) or number on the same location and day is refused by the database.
  virtual void insert_ticket(const Ticket& t, std::string_view request_id) = 0;
  // The only way a ticket changes: writes status, staff, room and called_at of `updated` and
  // appends `event`, but only while the stored status is still `expected`. False (nothing
  // written) when another writer changed the ticket first: two callers never both win. Also false
  // when it would give updated.staff_id a second ticket called or in service on the ticket's
  // location and day: one visitor at a time per desk, held by a unique index (migration 013)
  // across servers too (PostgreSQL runs the write that loses that race again).
  virtual bool change_ticket(const Ticket& updated, TicketStatus expected, const TicketEvent& event) = 0;
  // --- the catalog inside a write (administration, issue #4 item 4) ---
  // The reference data as committed. PostgreSQL also makes every other catalog writer wait until
  // this transaction ends, so a read-change-write of the catalog never loses a concurrent change.
  virtual Catalog load_catalog() = 0;
  // As Store::replace_catalog, inside this transaction (rolled back with it).
  virtual void replace_catalog(const Catalog& catalog) = 0;
  // --- document pre-check and preparation (issue #7) ---
  // Insert or replace the verdict on (review.appointment_id, review.document).
  virtual void save_document_review(const DocumentReview& review) = 0;
  virtual std::vector<DocumentReview> document_reviews(const Id& appointment_id) = 0;  // by document
  virtual void save_preparation(const Preparation& preparation) = 0;  // insert or replace
  virtual std::optional<Preparation> preparation(const Id& appointment_id) = 0;
  // --- news written by admins, and their social posts (issue #8 item 4) ---
  // One item with its texts, deleted ones included; PostgreSQL locks its row until the end of
  // the transaction, so two admins' edits (or two servers announcing it) take turns.
  virtual std::optional<NewsItem> news_item(const Id& id) = 0;
  virtual void save_news(const NewsItem& item) = 0;  // as Store::save_news, inside this transaction
  virtual bool delete_news(const Id& id) = 0;        // with its texts; false when the id is unknown
  // Items whose social posts are due: published by now (not drafts, not deleted) and not announced
  // yet, oldest publication first; PostgreSQL locks them, and a second server waiting for the lock
  // then no longer finds the ones the first marked announced.
  virtual std::vector<NewsItem> news_to_announce(Instant now) = 0;
  // --- waitlist (issue #8 item 3, migration 015) ---
  virtual void insert_waitlist_entry(const WaitlistEntry& entry) = 0;  // throws on a taken id
  // PostgreSQL locks the entry's row until commit.
  virtual std::optional<WaitlistEntry> waitlist_entry(const Id& id) = 0;
  virtual std::vector<WaitlistEntry> waiting_entries(const Id& location_id) = 0;  // status waiting, join order
  // Entries in status offered whose hold ended at or before now, the oldest hold first.
  virtual std::vector<WaitlistEntry> lapsed_waitlist_holds(Instant now) = 0;
  // Writes status, appointment_id, hold_until, offers and changed_at of `updated`, but only while
  // the stored status is still `expected`: false (nothing written) when another writer changed the
  // entry first. Two writers never both offer to one entry, nor both accept one offer. A second
  // entry offered the same held appointment is refused by a unique index (PostgreSQL runs again).
  virtual bool change_waitlist_entry(const WaitlistEntry& updated, WaitlistStatus expected) = 0;
  // --- appointment reminders (issue #8 item 1) ---
  // Records the claim; false (nothing written) when (appointment, channel, start) was claimed
  // already, by this or another server: then the caller must queue nothing.
  virtual bool claim_reminder(const ReminderClaim& claim) = 0;
  // No more reminders on channel for this appointment; false when it was opted out already.
  virtual bool opt_out_of_reminders(const Id& appointment_id, std::string_view channel, Instant at) = 0;
  virtual std::vector<std::string> reminder_opt_outs(const Id& appointment_id) = 0;  // channels, sorted
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
  // Grows with every replace_catalog (either one), by any process or server on this database.
  virtual std::int64_t catalog_version() = 0;

  virtual std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) = 0;
  // As WriteTx::appointments_to_plan: only the planner's fields (availability reads weeks of them).
  virtual std::vector<Appointment> appointments_to_plan(const Id& location_id, Instant from, Instant to) = 0;
  virtual std::optional<Appointment> appointment_by_code(std::string_view code) = 0;
  virtual std::int64_t count_appointments() = 0;
  // Appointments matching any key of search, earliest first (then by id), at most search.limit.
  virtual std::vector<Appointment> find_appointments(const AppointmentSearch& search) = 0;

  // Read-only views of the queue (display, reception, reports); changes go through write().
  virtual std::vector<Ticket> tickets(const Id& location_id, Instant from, Instant to) = 0;
  virtual std::vector<TicketEvent> ticket_events(const Id& ticket_id) = 0;  // oldest first

  // Runs fn inside a write transaction and returns once its changes are durably committed.
  // Concurrent writers may share one commit (group commit); each runs in its own savepoint, so an
  // exception thrown by fn rolls back only fn's changes and is rethrown here.
  // fn may run more than once (PostgreSQL runs it again after losing a race to another writer):
  // it must only write through tx and set its results afresh on every run.
  virtual void write(const std::function<void(WriteTx&)>& fn) = 0;

  // Grows with every committed write; caches compare it to know they are stale. Never blocks (it
  // is read on I/O threads). Empty when the store cannot vouch for it now (PostgreSQL: its watch on
  // other servers' writes is down): then nothing may be served from a cache.
  virtual std::optional<std::uint64_t> data_version() = 0;

  // Deletes idempotency records created before cutoff; returns how many.
  virtual int purge_idempotency(Instant cutoff) = 0;

  // --- Outbox and documents ---
  // Leases up to limit pending messages of channel that are due (not_before <= now) and not leased
  // by anyone (lease_until <= now) to worker until now + lease, counting one attempt on each; oldest
  // due first (same instant: enqueue order). Two workers never receive the same message while a lease runs.
  virtual std::vector<OutboxMessage> claim_outbox(std::string_view channel, std::string_view worker, Instant now,
                                                  std::chrono::seconds lease, int limit) = 0;
  // Both return false (and change nothing) when worker no longer holds the message's lease.
  virtual bool mark_outbox_sent(std::string_view id, std::string_view worker, Instant now) = 0;
  // retry_at: due again then; nullopt: given up for good (status failed, visible to staff).
  virtual bool mark_outbox_failed(std::string_view id, std::string_view worker, std::string_view error,
                                  std::optional<Instant> retry_at) = 0;
  // Oldest first; messages of the same second in the order they were enqueued.
  virtual std::vector<OutboxMessage> outbox_for_appointment(const Id& appointment_id) = 0;
  virtual std::vector<StoredDocument> documents(const Id& appointment_id) = 0;              // oldest first
  // --- staff accounts, sessions, audit log (issue #4); changes go through write() ---
  virtual std::optional<StaffAccount> staff_account_by_login(std::string_view login) = 0;
  virtual std::optional<StaffAccount> staff_account_by_id(const Id& id) = 0;
  virtual std::vector<StaffAccount> staff_accounts() = 0;  // every account, by login (ignoring case)
  virtual std::optional<StaffSession> staff_session(std::string_view token_hash) = 0;
  virtual std::optional<LoginThrottle> login_throttle(std::string_view key) = 0;
  // Newest first, at most query.limit entries, filtered by subject and/or account.
  virtual std::vector<AuditEntry> audit_entries(const AuditQuery& query) = 0;
  // News (issue #8): every item whatever its dates, texts in language order; the app decides
  // what is shown. save_news inserts or replaces an item with exactly the texts given.
  virtual std::vector<NewsItem> news_items() = 0;
  virtual void save_news(const NewsItem& item) = 0;
  // Kiosk device keys (issue #5): insert refuses (throws) a second key with the same id or hash;
  // revoke returns false when the id is unknown or revoked already (the first revocation stays).
  virtual std::vector<KioskKey> kiosk_keys() = 0;  // in issue order
  virtual std::optional<KioskKey> kiosk_key_by_hash(std::string_view key_hash) = 0;
  virtual void insert_kiosk_key(const KioskKey& key) = 0;
  virtual bool revoke_kiosk_key(const Id& id, Instant at) = 0;
  // Document pre-check and preparation (issue #7); changes go through write().
  virtual std::vector<DocumentReview> document_reviews(const Id& appointment_id) = 0;  // by document
  virtual std::optional<Preparation> preparation(const Id& appointment_id) = 0;
  // The outbox message queued with this dedupe key (delivery state of a news item's social post,
  // issue #8 item 4); empty when there is none or the key is "".
  virtual std::optional<OutboxMessage> outbox_by_dedupe_key(std::string_view key) = 0;
  // Waitlist (issue #8 item 3); changes go through write().
  virtual std::optional<WaitlistEntry> waitlist_entry(const Id& id) = 0;
  // Entries of a location still waiting or holding an offer, in join order (the staff's list).
  virtual std::vector<WaitlistEntry> open_waitlist_entries(const Id& location_id) = 0;
  // As WriteTx::lapsed_waitlist_holds, outside a write and without locks: so the periodic check
  // opens a write only when some hold ran out.
  virtual std::vector<WaitlistEntry> lapsed_waitlist_holds(Instant now) = 0;
  // Appointment reminders (issue #8 item 1): booked appointments starting in (after, until] with a
  // contact for channel ("email": an address, "sms": a phone number), neither claimed on channel
  // for their current start nor opted out of it; earliest first, at most limit.
  virtual std::vector<Appointment> reminder_candidates(std::string_view channel, Instant after, Instant until,
                                                       int limit) = 0;
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
