// PgWriteTx: the staff account, session, throttle and audit operations (issue #4).
#include "store/postgres/staff_rows.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {
namespace {

constexpr int login_throttle_lock = 4;  // the next free kind after write_tx.cpp's LockKind

}  // namespace

std::optional<StaffAccount> PgWriteTx::staff_account_by_login(std::string_view login) {
  return postgres::staff_account_by_login(c_, login);
}
std::optional<StaffAccount> PgWriteTx::staff_account_by_id(const Id& id) {
  return postgres::staff_account_by_id(c_, id);
}
std::vector<StaffAccount> PgWriteTx::staff_accounts() { return postgres::staff_accounts(c_); }
// Two servers creating one login, or linking one staff member, at once: the unique index lets one of
// them in, the other is refused (staff_rows.cpp says how).
AccountWrite PgWriteTx::insert_staff_account(const StaffAccount& a) {
  return postgres::insert_staff_account(c_, a);
}
AccountWrite PgWriteTx::update_staff_account(const StaffAccount& a) {
  return postgres::update_staff_account(c_, a);
}
void PgWriteTx::insert_staff_session(const StaffSession& s) { postgres::insert_staff_session(c_, s); }
std::optional<StaffSession> PgWriteTx::staff_session(std::string_view token_hash) {
  return postgres::staff_session(c_, token_hash);
}
void PgWriteTx::touch_staff_session(std::string_view token_hash, Instant last_seen_at) {
  postgres::touch_staff_session(c_, token_hash, last_seen_at);
}
bool PgWriteTx::delete_staff_session(std::string_view token_hash) {
  return postgres::delete_staff_session(c_, token_hash);
}
int PgWriteTx::delete_staff_sessions_of(const Id& account_id) {
  return postgres::delete_staff_sessions_of(c_, account_id);
}
int PgWriteTx::delete_expired_staff_sessions(Instant idle_cutoff, Instant absolute_cutoff) {
  return postgres::delete_expired_staff_sessions(c_, idle_cutoff, absolute_cutoff);
}
// The read-count-save of a failed sign-in happens under this lock, so two failures at once for
// one login both count (READ COMMITTED alone would let the second overwrite the first).
std::optional<LoginThrottle> PgWriteTx::login_throttle(std::string_view key) {
  c_.query("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", Params().add(login_throttle_lock).add(key));
  return postgres::login_throttle(c_, key);
}
void PgWriteTx::save_login_throttle(const LoginThrottle& t) { postgres::save_login_throttle(c_, t); }
void PgWriteTx::delete_login_throttle(std::string_view key) { postgres::delete_login_throttle(c_, key); }
int PgWriteTx::purge_login_throttles(Instant cutoff) { return postgres::purge_login_throttles(c_, cutoff); }
std::int64_t PgWriteTx::append_audit(const AuditEntry& e) { return postgres::append_audit(c_, e); }

}  // namespace amt::store::postgres
