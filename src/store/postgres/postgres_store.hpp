// The PostgreSQL implementation of Store, for several amtstermin servers on one database: a pool
// of connections, each write() a transaction that is run again when it loses a race.
#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>

#include "store/postgres/group_commit.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/version_watch.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

class PgStore final : public Store {
 public:
  // url is a libpq URL ("postgresql://user@host:port/db"); connects once at once, so a wrong URL
  // fails here. pool_size connections at most.
  PgStore(const std::string& url, int pool_size);

  void migrate() override;
  int schema_version() override;
  bool ready() override;

  Catalog load_catalog() override;
  bool has_catalog() override;
  std::int64_t catalog_version() override;
  void replace_catalog(const Catalog& catalog) override;

  std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) override;
  std::vector<Appointment> appointments_to_plan(const Id& location_id, Instant from, Instant to) override;
  std::optional<Appointment> appointment_by_code(std::string_view code) override;
  std::int64_t count_appointments() override;
  std::vector<Appointment> find_appointments(const AppointmentSearch& search) override;
  std::vector<Ticket> tickets(const Id& location_id, Instant from, Instant to) override;
  std::vector<TicketEvent> ticket_events(const Id& ticket_id) override;

  void write(const std::function<void(WriteTx&)>& fn) override;
  // Never blocks: read from the VersionWatch (its freshness guarantee applies).
  std::optional<std::uint64_t> data_version() override { return watch_.current(); }
  int purge_idempotency(Instant cutoff) override;
  std::vector<NewsItem> news_items() override;
  void save_news(const NewsItem& item) override;
  std::vector<KioskKey> kiosk_keys() override;
  std::optional<KioskKey> kiosk_key_by_hash(std::string_view key_hash) override;
  void insert_kiosk_key(const KioskKey& key) override;
  bool revoke_kiosk_key(const Id& id, Instant at) override;
  std::vector<DocumentReview> document_reviews(const Id& appointment_id) override;  // review_store.cpp
  std::optional<Preparation> preparation(const Id& appointment_id) override;
  std::optional<WaitlistEntry> waitlist_entry(const Id& id) override;  // waitlist_store.cpp
  std::vector<WaitlistEntry> open_waitlist_entries(const Id& location_id) override;
  std::vector<WaitlistEntry> lapsed_waitlist_holds(Instant now) override;
  std::vector<Appointment> reminder_candidates(std::string_view channel, Instant after, Instant until,
                                               int limit) override;  // reminder_store.cpp

  // Outbox bookkeeping is one statement each, outside transact(): it takes no part in what the
  // caches hold, so it leaves data_version alone (mail workers poll often).
  std::vector<OutboxMessage> claim_outbox(std::string_view channel, std::string_view worker, Instant now,
                                          std::chrono::seconds lease, int limit) override;
  bool mark_outbox_sent(std::string_view id, std::string_view worker, Instant now) override;
  bool mark_outbox_failed(std::string_view id, std::string_view worker, std::string_view error,
                          std::optional<Instant> retry_at) override;
  std::vector<OutboxMessage> outbox_for_appointment(const Id& appointment_id) override;
  std::vector<StoredDocument> documents(const Id& appointment_id) override;
  std::optional<StaffAccount> staff_account_by_login(std::string_view login) override;
  std::optional<StaffAccount> staff_account_by_id(const Id& id) override;
  std::vector<StaffAccount> staff_accounts() override;
  std::optional<StaffSession> staff_session(std::string_view token_hash) override;
  std::optional<LoginThrottle> login_throttle(std::string_view key) override;
  std::vector<AuditEntry> audit_entries(const AuditQuery& query) override;
  std::optional<OutboxMessage> outbox_by_dedupe_key(std::string_view key) override;  // postgres_outbox.cpp

 private:
  // Runs job in a transaction shared with the writes arriving at the same moment, again when it
  // loses a race; returns once committed and announced.
  void transact(const std::function<void(Connection&)>& job);
  // A group of writes committed and advanced the shared data version to version (nothing when
  // that statement failed).
  void announce(std::optional<std::int64_t> version);
  template <typename Read>
  auto in_snapshot(Read read);

  Pool pool_;
  VersionWatch watch_;
  GroupCommit group_;
  // Threads inside transact(): a write from inside a write would wait for its own locks (or for
  // a connection its caller holds) forever, so it throws instead, as on SQLite.
  std::mutex writers_mutex_;
  std::unordered_set<std::thread::id> writers_;
};

}  // namespace amt::store::postgres
