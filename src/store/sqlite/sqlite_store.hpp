// The SQLite implementation of Store: one writer thread with group commit, a pool of readers.
#pragma once

#include <atomic>
#include <string>

#include "store/sqlite/planning_cache.hpp"
#include "store/sqlite/reader_pool.hpp"
#include "store/sqlite/writer.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens (and creates) the database file; its directory must exist.
  explicit SqliteStore(const std::string& path);

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
  std::optional<std::uint64_t> data_version() override { return data_version_.load(); }
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
  std::optional<OutboxMessage> outbox_by_dedupe_key(std::string_view key) override;  // sqlite_outbox.cpp

 private:
  std::string path_;
  std::atomic<std::uint64_t> data_version_{0};
  ReaderPool readers_;
  PlanningCache planning_;    // the writer's: used on its thread only, and outlives it
  GroupCommitWriter writer_;  // last: destroyed first, so queued writes finish before the rest goes
};

}  // namespace amt::store::sqlite
