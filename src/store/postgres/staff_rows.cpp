// Rows of staff_accounts, staff_sessions, login_throttle and audit_log (migration 004).
#include "store/postgres/staff_rows.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/postgres/values.hpp"

namespace amt::store::postgres {
namespace {

#define AMT_ACCOUNT_COLUMNS \
  "id, login, display_name, staff_id, location_id, roles, password_hash, active, created_at"

StaffAccount read_account(const Row& q) {
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

std::optional<StaffAccount> first_account(const Rows& rows) {
  if (rows.size() == 0) return std::nullopt;
  return read_account(rows[0]);
}

// Every column but created_at, in column order: parameter 1 is the id.
Params account_fields(const StaffAccount& a) {
  Params p;
  p.add(a.id).add(a.login).add(a.display_name).add(a.staff_id).add(a.location_id);
  p.add(to_string(a.roles)).add(a.password_hash).add(a.active ? 1 : 0);
  return p;
}

// Why an INSERT or UPDATE of a changed nothing: which unique index it would break, the staff
// member's first. Throws `otherwise` when neither (an INSERT's id is taken, an UPDATE's unknown).
AccountWrite refusal(Connection& c, const StaffAccount& a, const std::string& otherwise) {
  const auto rows =
      c.query("SELECT (EXISTS (SELECT 1 FROM staff_accounts"
              "                WHERE staff_id = $2 AND staff_id <> '' AND id <> $1))::int,"
              " (EXISTS (SELECT 1 FROM staff_accounts WHERE lower(login) = lower($3) AND id <> $1))::int",
              Params().add(a.id).add(a.staff_id).add(a.login));
  if (rows[0].int64(0) != 0) return AccountWrite::staff_member_taken;
  if (rows[0].int64(1) != 0) return AccountWrite::login_taken;
  throw std::runtime_error(otherwise);
}

AuditEntry read_audit(const Row& q) {
  return {q.int64(0), instant(q.int64(1)), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
}

}  // namespace

std::optional<StaffAccount> staff_account_by_login(Connection& c, std::string_view login) {
  return first_account(c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts WHERE lower(login) = lower($1)",
                               Params().add(login)));
}

std::optional<StaffAccount> staff_account_by_id(Connection& c, const Id& id) {
  return first_account(c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts WHERE id = $1", Params().add(id)));
}

std::vector<StaffAccount> staff_accounts(Connection& c) {
  // Logins are ASCII (is_valid_login), so lower() sorts them the same on both engines.
  const auto rows = c.query("SELECT " AMT_ACCOUNT_COLUMNS " FROM staff_accounts ORDER BY lower(login) COLLATE \"C\", id");
  std::vector<StaffAccount> out;
  for (Row row : rows) out.push_back(read_account(row));
  return out;
}

// Against any unique index: a second server inserting the same login or staff member at the same
// moment waits for the first to commit, then inserts nothing instead of failing.
AccountWrite insert_staff_account(Connection& c, const StaffAccount& a) {
  auto p = account_fields(a);
  p.add(seconds(a.created_at));
  const auto rows = c.query("INSERT INTO staff_accounts (" AMT_ACCOUNT_COLUMNS ")"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
                            p);
  if (rows.affected() == 1) return AccountWrite::written;
  return refusal(c, a, "insert_staff_account: the id is taken: " + a.id);
}

// The condition makes a refused update change nothing instead of failing. Two servers that both
// pass it at once meet the unique index: the loser fails (unique_violation) and the store runs its
// write again, which then finds the other's change.
AccountWrite update_staff_account(Connection& c, const StaffAccount& a) {
  const auto rows = c.query("UPDATE staff_accounts SET login = $2, display_name = $3, staff_id = $4,"
                            " location_id = $5, roles = $6, password_hash = $7, active = $8 WHERE id = $1"
                            " AND NOT EXISTS (SELECT 1 FROM staff_accounts other WHERE other.id <> $1"
                            " AND (lower(other.login) = lower($2) OR (other.staff_id = $4 AND $4 <> '')))",
                            account_fields(a));
  if (rows.affected() == 1) return AccountWrite::written;
  if (!staff_account_by_id(c, a.id)) throw std::runtime_error("update_staff_account: no account " + a.id);
  return refusal(c, a, "update_staff_account: refused for no reason: " + a.id);
}

void insert_staff_session(Connection& c, const StaffSession& s) {
  c.query("INSERT INTO staff_sessions (token_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
          Params().add(s.token_hash).add(s.account_id).add(seconds(s.created_at)).add(seconds(s.last_seen_at)));
}

std::optional<StaffSession> staff_session(Connection& c, std::string_view token_hash) {
  auto rows = c.query("SELECT token_hash, account_id, created_at, last_seen_at FROM staff_sessions"
                      " WHERE token_hash = $1", Params().add(token_hash));
  if (rows.size() == 0) return std::nullopt;
  const Row r = rows[0];
  return StaffSession{r.text(0), r.text(1), instant(r.int64(2)), instant(r.int64(3))};
}

void touch_staff_session(Connection& c, std::string_view token_hash, Instant last_seen_at) {
  c.query("UPDATE staff_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE token_hash = $1",
          Params().add(token_hash).add(seconds(last_seen_at)));
}

bool delete_staff_session(Connection& c, std::string_view token_hash) {
  return c.query("DELETE FROM staff_sessions WHERE token_hash = $1", Params().add(token_hash)).affected() == 1;
}

int delete_staff_sessions_of(Connection& c, const Id& account_id) {
  return c.query("DELETE FROM staff_sessions WHERE account_id = $1", Params().add(account_id)).affected();
}

int delete_expired_staff_sessions(Connection& c, Instant idle_cutoff, Instant absolute_cutoff) {
  return c.query("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2",
                 Params().add(seconds(idle_cutoff)).add(seconds(absolute_cutoff))).affected();
}

std::optional<LoginThrottle> login_throttle(Connection& c, std::string_view key) {
  auto rows = c.query("SELECT key, failures, window_start, next_attempt_at, locked_until FROM login_throttle"
                      " WHERE key = $1", Params().add(key));
  if (rows.size() == 0) return std::nullopt;
  const Row r = rows[0];
  return LoginThrottle{r.text(0), r.integer(1), instant(r.int64(2)), instant(r.int64(3)), instant(r.int64(4))};
}

void save_login_throttle(Connection& c, const LoginThrottle& t) {
  c.query("INSERT INTO login_throttle (key, failures, window_start, next_attempt_at, locked_until)"
          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
          " window_start = excluded.window_start, next_attempt_at = excluded.next_attempt_at,"
          " locked_until = excluded.locked_until",
          Params().add(t.key).add(t.failures).add(seconds(t.window_start)).add(seconds(t.next_attempt_at))
              .add(seconds(t.locked_until)));
}

void delete_login_throttle(Connection& c, std::string_view key) {
  c.query("DELETE FROM login_throttle WHERE key = $1", Params().add(key));
}

int purge_login_throttles(Connection& c, Instant cutoff) {
  return c.query("DELETE FROM login_throttle WHERE window_start < $1 AND locked_until < $1"
                 " AND next_attempt_at < $1", Params().add(seconds(cutoff))).affected();
}

std::int64_t append_audit(Connection& c, const AuditEntry& e) {
  auto rows = c.query("INSERT INTO audit_log (at, account_id, account_login, action, subject_type, subject_id,"
                      " detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                      Params().add(seconds(e.at)).add(e.account_id).add(e.account_login).add(e.action)
                          .add(e.subject_type).add(e.subject_id).add(e.detail));
  return rows[0].int64(0);
}

// One statement for every filter combination: an empty filter matches everything.
std::vector<AuditEntry> audit_entries(Connection& c, const AuditQuery& f) {
  auto rows = c.query("SELECT id, at, account_id, account_login, action, subject_type, subject_id, detail"
                      " FROM audit_log WHERE ($1::bigint = 0 OR id < $1::bigint)"
                      " AND ($2::text = '' OR account_id = $2::text)"
                      " AND ($3::text = '' OR (subject_type = $3::text AND subject_id = $4::text))"
                      " AND ($6::bigint = 0 OR at >= $6::bigint) AND ($7::bigint = 0 OR at < $7::bigint)"
                      " ORDER BY id DESC LIMIT $5",
                      Params().add(f.before_id).add(f.account_id).add(f.subject_type).add(f.subject_id)
                          .add(std::clamp(f.limit, 0, 1000)).add(seconds(f.from)).add(seconds(f.to)));
  std::vector<AuditEntry> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  for (Row row : rows) out.push_back(read_audit(row));
  return out;
}

}  // namespace amt::store::postgres
