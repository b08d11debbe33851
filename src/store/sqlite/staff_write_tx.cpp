// SqliteWriteTx: the staff account, session, throttle and audit operations (issue #4).
#include "store/sqlite/staff_rows.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

std::optional<StaffAccount> SqliteWriteTx::staff_account_by_login(std::string_view login) {
  return sqlite::staff_account_by_login(c_, login);
}
std::optional<StaffAccount> SqliteWriteTx::staff_account_by_id(const Id& id) {
  return sqlite::staff_account_by_id(c_, id);
}
std::vector<StaffAccount> SqliteWriteTx::staff_accounts() { return sqlite::staff_accounts(c_); }
AccountWrite SqliteWriteTx::insert_staff_account(const StaffAccount& a) {
  return sqlite::insert_staff_account(c_, a);
}
AccountWrite SqliteWriteTx::update_staff_account(const StaffAccount& a) {
  return sqlite::update_staff_account(c_, a);
}
void SqliteWriteTx::insert_staff_session(const StaffSession& s) { sqlite::insert_staff_session(c_, s); }
std::optional<StaffSession> SqliteWriteTx::staff_session(std::string_view token_hash) {
  return sqlite::staff_session(c_, token_hash);
}
void SqliteWriteTx::touch_staff_session(std::string_view token_hash, Instant last_seen_at) {
  sqlite::touch_staff_session(c_, token_hash, last_seen_at);
}
bool SqliteWriteTx::delete_staff_session(std::string_view token_hash) {
  return sqlite::delete_staff_session(c_, token_hash);
}
int SqliteWriteTx::delete_staff_sessions_of(const Id& account_id) {
  return sqlite::delete_staff_sessions_of(c_, account_id);
}
int SqliteWriteTx::delete_expired_staff_sessions(Instant idle_cutoff, Instant absolute_cutoff) {
  return sqlite::delete_expired_staff_sessions(c_, idle_cutoff, absolute_cutoff);
}
std::optional<LoginThrottle> SqliteWriteTx::login_throttle(std::string_view key) {
  return sqlite::login_throttle(c_, key);
}
void SqliteWriteTx::save_login_throttle(const LoginThrottle& t) { sqlite::save_login_throttle(c_, t); }
void SqliteWriteTx::delete_login_throttle(std::string_view key) { sqlite::delete_login_throttle(c_, key); }
int SqliteWriteTx::purge_login_throttles(Instant cutoff) { return sqlite::purge_login_throttles(c_, cutoff); }
std::int64_t SqliteWriteTx::append_audit(const AuditEntry& e) { return sqlite::append_audit(c_, e); }

}  // namespace amt::store::sqlite
