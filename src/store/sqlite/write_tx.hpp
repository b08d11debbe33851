// WriteTx on the writer's connection, inside the savepoint of one write job.
#pragma once

#include "store/sqlite/connection.hpp"
#include "store/sqlite/planning_cache.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

class SqliteWriteTx final : public WriteTx {
 public:
  SqliteWriteTx(Connection& c, PlanningCache& planning) : c_(c), planning_(planning) {}

  std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) override;
  std::vector<Appointment> appointments_to_plan(const Id& location_id, Instant from, Instant to) override;
  std::optional<Appointment> appointment_by_code(std::string_view code) override;
  std::optional<Appointment> appointment_by_id(const Id& id) override;
  bool code_exists(std::string_view code) override;
  void insert_appointment(const Appointment& a) override;
  void update_appointment(const Appointment& a) override;
  int count_active_for_contact(const std::string& email, const std::string& phone, Instant now) override;
  std::optional<IdempotencyRecord> idempotency(std::string_view key) override;
  void save_idempotency(const IdempotencyRecord& record) override;
  bool enqueue_outbox(const OutboxMessage& message) override;
  int withdraw_outbox(const Id& appointment_id, std::string_view kind, Instant now) override;
  bool withdraw_outbox_message(std::string_view dedupe_key, Instant now) override;
  void insert_document(const StoredDocument& document) override;
  std::vector<StoredDocument> documents(const Id& appointment_id) override;
  bool claim_proof(std::string_view key, Instant expires_at, Instant now) override;  // used_proofs.cpp

  // Staff accounts, sessions, throttling, audit log (staff_rows.hpp).
  std::optional<StaffAccount> staff_account_by_login(std::string_view login) override;
  std::optional<StaffAccount> staff_account_by_id(const Id& id) override;
  std::vector<StaffAccount> staff_accounts() override;
  AccountWrite insert_staff_account(const StaffAccount& account) override;
  AccountWrite update_staff_account(const StaffAccount& account) override;
  void insert_staff_session(const StaffSession& session) override;
  std::optional<StaffSession> staff_session(std::string_view token_hash) override;
  void touch_staff_session(std::string_view token_hash, Instant last_seen_at) override;
  bool delete_staff_session(std::string_view token_hash) override;
  int delete_staff_sessions_of(const Id& account_id) override;
  int delete_expired_staff_sessions(Instant idle_cutoff, Instant absolute_cutoff) override;
  std::optional<LoginThrottle> login_throttle(std::string_view key) override;
  void save_login_throttle(const LoginThrottle& throttle) override;
  void delete_login_throttle(std::string_view key) override;
  int purge_login_throttles(Instant cutoff) override;
  std::int64_t append_audit(const AuditEntry& entry) override;
  std::vector<Ticket> tickets(const Id& location_id, Instant from, Instant to) override;
  std::optional<Ticket> ticket_by_id(const Id& id) override;
  std::optional<Ticket> ticket_by_request(std::string_view request_id) override;
  void insert_ticket(const Ticket& t, std::string_view request_id) override;
  bool change_ticket(const Ticket& updated, TicketStatus expected, const TicketEvent& event) override;
  Catalog load_catalog() override;  // catalog_tx.cpp
  void replace_catalog(const Catalog& catalog) override;
  // Document reviews and preparation marks (review_rows.hpp).
  void save_document_review(const DocumentReview& review) override;
  std::vector<DocumentReview> document_reviews(const Id& appointment_id) override;
  void save_preparation(const Preparation& preparation) override;
  std::optional<Preparation> preparation(const Id& appointment_id) override;
  // News written by admins (news_rows.hpp).
  std::optional<NewsItem> news_item(const Id& id) override;
  void save_news(const NewsItem& item) override;
  bool delete_news(const Id& id) override;
  std::vector<NewsItem> news_to_announce(Instant now) override;
  // Waitlist (waitlist_store.cpp).
  void insert_waitlist_entry(const WaitlistEntry& entry) override;
  std::optional<WaitlistEntry> waitlist_entry(const Id& id) override;
  std::vector<WaitlistEntry> waiting_entries(const Id& location_id) override;
  std::vector<WaitlistEntry> lapsed_waitlist_holds(Instant now) override;
  bool change_waitlist_entry(const WaitlistEntry& updated, WaitlistStatus expected) override;
  // Appointment reminders (reminder_rows.hpp).
  bool claim_reminder(const ReminderClaim& claim) override;
  bool opt_out_of_reminders(const Id& appointment_id, std::string_view channel, Instant at) override;
  std::vector<std::string> reminder_opt_outs(const Id& appointment_id) override;

 private:
  Connection& c_;
  PlanningCache& planning_;
};

}  // namespace amt::store::sqlite
