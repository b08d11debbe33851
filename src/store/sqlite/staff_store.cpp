// SqliteStore: reads of staff accounts, sessions, throttling and the audit log on pooled readers.
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/staff_rows.hpp"

namespace amt::store::sqlite {

std::optional<StaffAccount> SqliteStore::staff_account_by_login(std::string_view login) {
  auto lease = readers_.acquire();
  return sqlite::staff_account_by_login(*lease, login);
}

std::optional<StaffAccount> SqliteStore::staff_account_by_id(const Id& id) {
  auto lease = readers_.acquire();
  return sqlite::staff_account_by_id(*lease, id);
}

std::vector<StaffAccount> SqliteStore::staff_accounts() {
  auto lease = readers_.acquire();
  return sqlite::staff_accounts(*lease);
}

std::optional<StaffSession> SqliteStore::staff_session(std::string_view token_hash) {
  auto lease = readers_.acquire();
  return sqlite::staff_session(*lease, token_hash);
}

std::optional<LoginThrottle> SqliteStore::login_throttle(std::string_view key) {
  auto lease = readers_.acquire();
  return sqlite::login_throttle(*lease, key);
}

std::vector<AuditEntry> SqliteStore::audit_entries(const AuditQuery& query) {
  auto lease = readers_.acquire();
  return sqlite::audit_entries(*lease, query);
}

}  // namespace amt::store::sqlite
