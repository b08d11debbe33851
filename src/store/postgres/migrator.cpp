// Versioned migrations for PostgreSQL, recorded in schema_migrations(version, name, applied_at).
// Several servers may start at once: a session-level advisory lock lets one migrate at a time.
#include "store/postgres/migrator.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "store/migrations.hpp"

namespace amt::store::postgres {
namespace {

// The advisory-lock key of amtstermin's migrations (any fixed number nobody else uses).
constexpr const char* lock_key = "27478829315499890";

std::vector<const Migration*> postgres_migrations() {
  std::vector<const Migration*> out;
  for (const Migration& m : embedded_migrations())
    if (m.engine == "postgres") out.push_back(&m);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->version < b->version; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i]->version == out[i - 1]->version)
      throw std::logic_error("migrations: two PostgreSQL migrations with version " +
                             std::to_string(out[i]->version));
  return out;
}

bool applied(Connection& c, int version) {
  return c.query("SELECT 1 FROM schema_migrations WHERE version = $1", Params().add(version)).size() > 0;
}

void apply(Connection& c, const Migration& m) {
  if (applied(c, m.version)) return;
  c.exec("BEGIN");
  try {
    c.exec(m.sql);
    c.query("INSERT INTO schema_migrations (version, name, applied_at)"
            " VALUES ($1, $2, extract(epoch FROM now())::bigint)",
            Params().add(m.version).add(m.name));
    c.exec("COMMIT");
  } catch (const std::exception& e) {
    if (c.in_transaction()) c.exec("ROLLBACK");
    throw std::runtime_error("migration " + m.name + " failed: " + e.what());
  }
}

}  // namespace

void migrate(Connection& c) {
  c.exec(std::string("SELECT pg_advisory_lock(") + lock_key + ")");
  try {
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
    for (const Migration* m : postgres_migrations()) apply(c, *m);
  } catch (...) {
    if (c.in_transaction()) c.exec("ROLLBACK");
    c.exec(std::string("SELECT pg_advisory_unlock(") + lock_key + ")");
    throw;
  }
  c.exec(std::string("SELECT pg_advisory_unlock(") + lock_key + ")");
}

int schema_version(Connection& c) {
  if (c.query("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].text(0) != "t") return 0;
  return c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].integer(0);
}

int latest_version() {
  auto all = postgres_migrations();
  return all.empty() ? 0 : all.back()->version;
}

}  // namespace amt::store::postgres
