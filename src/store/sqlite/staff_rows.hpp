// Staff accounts, sessions, sign-in throttling and audit entries on one connection; the store's
// read methods and the write transaction share these, so each query exists once.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/staff_account.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

std::optional<StaffAccount> staff_account_by_login(Connection& c, std::string_view login);
std::optional<StaffAccount> staff_account_by_id(Connection& c, const Id& id);
std::vector<StaffAccount> staff_accounts(Connection& c);
AccountWrite insert_staff_account(Connection& c, const StaffAccount& a);
AccountWrite update_staff_account(Connection& c, const StaffAccount& a);

void insert_staff_session(Connection& c, const StaffSession& s);
std::optional<StaffSession> staff_session(Connection& c, std::string_view token_hash);
void touch_staff_session(Connection& c, std::string_view token_hash, Instant last_seen_at);
bool delete_staff_session(Connection& c, std::string_view token_hash);
int delete_staff_sessions_of(Connection& c, const Id& account_id);
int delete_expired_staff_sessions(Connection& c, Instant idle_cutoff, Instant absolute_cutoff);

std::optional<LoginThrottle> login_throttle(Connection& c, std::string_view key);
void save_login_throttle(Connection& c, const LoginThrottle& t);
void delete_login_throttle(Connection& c, std::string_view key);
int purge_login_throttles(Connection& c, Instant cutoff);

std::int64_t append_audit(Connection& c, const AuditEntry& e);
std::vector<AuditEntry> audit_entries(Connection& c, const AuditQuery& q);

}  // namespace amt::store::sqlite
