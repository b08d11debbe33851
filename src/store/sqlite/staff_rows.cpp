// Rows of staff_accounts, staff_sessions, login_throttle and audit_log (migration 004).
#include "store/sqlite/staff_rows.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {
namespace {

#define AMT_ACCOUNT_COLUMNS \
  "id, login, display_name, staff_id, location_id, roles, password_hash, active, created_at"

StaffAccount read_account(const Query& q) {
  StaffAccount a;
  a.id = q.text(0);
  a.login = q.text(1);
  a.display_name = q.text(2);
  a.staff_id = q.text(3);
  a.location_id = q.text(4);
  const auto roles = role_set_from_string(q.text(5));
  if (!roles) throw std::runtime_error("staff account " + a.id + ": unknown role in '" + q.text(5) + "'");
  a.roles = *roles;
  a.password_hash = q.text(6);
  a.active = q.int64(7) != 0;
  a.created_at = instant(q.int64(8));
  return a;
}

// Binds every column but id and created_at, starting at parameter 2 (1 is the id).
void bind_account(Query& q, const StaffAccount& a) {
  q.bind(2, a.login).bind(3, a.display_name).bind(4, a.staff_id).bind(5, a.location_id);
  q.bind(6, to_string(a.roles)).bind(7, a.password_hash).bind(8, a.active ? 1 : 0);
}

// Why an INSERT or UPDATE of a changed nothing: which unique index it would break, the staff
// member's first. Throws `otherwise` when neither (an INSERT's id is taken, an UPDATE's unknown).
AccountWrite refusal(Connection& c, const StaffAccount& a, const std::string& otherwise) {
  auto q = c.query("SELECT EXISTS (SELECT 1 FROM staff_accounts"
                   "               WHERE staff_id = ?2 AND staff_id <> '' AND id <> ?1),"
                   " EXISTS (SELECT 1 FROM staff_accounts WHERE login = ?3 AND id <> ?1)");
  q.bind(1, a.id).bind(2, a.staff_id).bind(3, a.login);
  q.step();
  if (q.int64(0) != 0) return AccountWrite::staff_member_taken;
  if (q.int64(1) != 0) return AccountWrite::login_taken;
  throw std::runtime_error(otherwise);
}

StaffSession read_session(const Query& q) {
  return {q.text(0), q.text(1), instant(q.int64(2)), instant(q.int64(3))};
}

AuditEntry read_audit(const Query& q) {
  return {q.int64(0), instant(q.int64(1)), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
}

}  // namespace

std::optional<StaffAccount> staff_account_by_login(Connection& c, std::string_view login) {
  auto q = c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts WHERE login = ?1");
  q.bind(1, login);
  if (!q.step()) return std::nullopt;
  return read_account(q);
}

std::optional<StaffAccount> staff_account_by_id(Connection& c, const Id& id) {
  auto q = c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_account(q);
}

std::vector<StaffAccount> staff_accounts(Connection& c) {
  auto q = c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts ORDER BY lower(login), id");
  std::vector<StaffAccount> out;
  while (q.step()) out.push_back(read_account(q));
  return out;
}

// Against any unique index (login ignoring case, the staff member of migration 018, the id).
AccountWrite insert_staff_account(Connection& c, const StaffAccount& a) {
  auto q = c.query("INSERT INTO staff_accounts (" AMT_ACCOUNT_COLUMNS
                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING");
  q.bind(1, a.id);
  bind_account(q, a);
  q.bind(9, seconds(a.created_at));
  q.run();
  if (q.changes() == 1) return AccountWrite::written;
  return refusal(c, a, "insert_staff_account: the id is taken: " + a.id);
}

// The condition makes a refused update change nothing instead of failing (login compares by the
// column's NOCASE collation).
AccountWrite update_staff_account(Connection& c, const StaffAccount& a) {
  auto q = c.query("UPDATE staff_accounts SET login = ?2, display_name = ?3, staff_id = ?4, location_id = ?5,"
                   " roles = ?6, password_hash = ?7, active = ?8 WHERE id = ?1"
                   " AND NOT EXISTS (SELECT 1 FROM staff_accounts other WHERE other.id <> ?1"
                   " AND (other.login = ?2 OR (other.staff_id = ?4 AND ?4 <> '')))");
  q.bind(1, a.id);
  bind_account(q, a);
  q.run();
  if (q.changes() == 1) return AccountWrite::written;
  if (!staff_account_by_id(c, a.id)) throw std::runtime_error("update_staff_account: no account " + a.id);
  return refusal(c, a, "update_staff_account: refused for no reason: " + a.id);
}

void insert_staff_session(Connection& c, const StaffSession& s) {
  auto q = c.query("INSERT INTO staff_sessions (token_hash, account_id, created_at, last_seen_at)"
                   " VALUES (?1, ?2, ?3, ?4)");
  q.bind(1, s.token_hash).bind(2, s.account_id).bind(3, seconds(s.created_at)).bind(4, seconds(s.last_seen_at));
  q.run();
}

std::optional<StaffSession> staff_session(Connection& c, std::string_view token_hash) {
  auto q = c.query("SELECT token_hash, account_id, created_at, last_seen_at FROM staff_sessions"
                   " WHERE token_hash = ?1");
  q.bind(1, token_hash);
  if (!q.step()) return std::nullopt;
  return read_session(q);
}

void touch_staff_session(Connection& c, std::string_view token_hash, Instant last_seen_at) {
  auto q = c.query("UPDATE staff_sessions SET last_seen_at = MAX(last_seen_at, ?2) WHERE token_hash = ?1");
  q.bind(1, token_hash).bind(2, seconds(last_seen_at));
  q.run();
}

bool delete_staff_session(Connection& c, std::string_view token_hash) {
  auto q = c.query("DELETE FROM staff_sessions WHERE token_hash = ?1");
  q.bind(1, token_hash);
  q.run();
  return q.changes() == 1;
}

int delete_staff_sessions_of(Connection& c, const Id& account_id) {
  auto q = c.query("DELETE FROM staff_sessions WHERE account_id = ?1");
  q.bind(1, account_id);
  q.run();
  return q.changes();
}

int delete_expired_staff_sessions(Connection& c, Instant idle_cutoff, Instant absolute_cutoff) {
  auto q = c.query("DELETE FROM staff_sessions WHERE last_seen_at < ?1 OR created_at < ?2");
  q.bind(1, seconds(idle_cutoff)).bind(2, seconds(absolute_cutoff));
  q.run();
  return q.changes();
}

std::optional<LoginThrottle> login_throttle(Connection& c, std::string_view key) {
  auto q = c.query("SELECT key, failures, window_start, next_attempt_at, locked_until FROM login_throttle"
                   " WHERE key = ?1");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return LoginThrottle{q.text(0), q.integer(1), instant(q.int64(2)), instant(q.int64(3)), instant(q.int64(4))};
}

void save_login_throttle(Connection& c, const LoginThrottle& t) {
  auto q = c.query("INSERT INTO login_throttle (key, failures, window_start, next_attempt_at, locked_until)"
                   " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
                   " window_start = excluded.window_start, next_attempt_at = excluded.next_attempt_at,"
                   " locked_until = excluded.locked_until");
  q.bind(1, t.key).bind(2, t.failures).bind(3, seconds(t.window_start));
  q.bind(4, seconds(t.next_attempt_at)).bind(5, seconds(t.locked_until));
  q.run();
}

void delete_login_throttle(Connection& c, std::string_view key) {
  auto q = c.query("DELETE FROM login_throttle WHERE key = ?1");
  q.bind(1, key);
  q.run();
}

int purge_login_throttles(Connection& c, Instant cutoff) {
  auto q = c.query("DELETE FROM login_throttle WHERE window_start < ?1 AND locked_until < ?1"
                   " AND next_attempt_at < ?1");
  q.bind(1, seconds(cutoff));
  q.run();
  return q.changes();
}

std::int64_t append_audit(Connection& c, const AuditEntry& e) {
  auto q = c.query("INSERT INTO audit_log (at, account_id, account_login, action, subject_type, subject_id,"
                   " detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind(1, seconds(e.at)).bind(2, e.account_id).bind(3, e.account_login).bind(4, e.action);
  q.bind(5, e.subject_type).bind(6, e.subject_id).bind(7, e.detail);
  q.run();
  return sqlite3_last_insert_rowid(c.get());
}

// One statement for every filter combination: an empty filter matches everything.
std::vector<AuditEntry> audit_entries(Connection& c, const AuditQuery& f) {
  auto q = c.query("SELECT id, at, account_id, account_login, action, subject_type, subject_id, detail"
                   " FROM audit_log WHERE (?1 = 0 OR id < ?1) AND (?2 = '' OR account_id = ?2)"
                   " AND (?3 = '' OR (subject_type = ?3 AND subject_id = ?4))"
                   " AND (?6 = 0 OR at >= ?6) AND (?7 = 0 OR at < ?7) ORDER BY id DESC LIMIT ?5");
  q.bind(1, f.before_id).bind(2, f.account_id).bind(3, f.subject_type).bind(4, f.subject_id);
  q.bind(5, std::clamp(f.limit, 0, 1000)).bind(6, seconds(f.from)).bind(7, seconds(f.to));
  std::vector<AuditEntry> out;
  while (q.step()) out.push_back(read_audit(q));
  return out;
}

}  // namespace amt::store::sqlite
