// PgStore: reads of staff accounts, sessions, throttling and the audit log on pooled connections.
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/staff_rows.hpp"

namespace amt::store::postgres {

std::optional<StaffAccount> PgStore::staff_account_by_login(std::string_view login) {
  auto c = pool_.acquire();
  return postgres::staff_account_by_login(*c, login);
}

std::optional<StaffAccount> PgStore::staff_account_by_id(const Id& id) {
  auto c = pool_.acquire();
  return postgres::staff_account_by_id(*c, id);
}

std::vector<StaffAccount> PgStore::staff_accounts() {
  auto c = pool_.acquire();
  return postgres::staff_accounts(*c);
}

std::optional<StaffSession> PgStore::staff_session(std::string_view token_hash) {
  auto c = pool_.acquire();
  return postgres::staff_session(*c, token_hash);
}

std::optional<LoginThrottle> PgStore::login_throttle(std::string_view key) {
  auto c = pool_.acquire();
  return postgres::login_throttle(*c, key);
}

std::vector<AuditEntry> PgStore::audit_entries(const AuditQuery& query) {
  auto c = pool_.acquire();
  return postgres::audit_entries(*c, query);
}

}  // namespace amt::store::postgres
