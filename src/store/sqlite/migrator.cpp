// Versioned migrations for SQLite, recorded in schema_migrations(version, name, applied_at).
#include "store/sqlite/migrator.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "store/migrations.hpp"

namespace amt::store::sqlite {
namespace {

std::vector<const Migration*> sqlite_migrations() {
  std::vector<const Migration*> out;
  for (const Migration& m : embedded_migrations())
    if (m.engine == "sqlite") out.push_back(&m);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->version < b->version; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i]->version == out[i - 1]->version)
      throw std::logic_error("migrations: two SQLite migrations with version " +
                             std::to_string(out[i]->version));
  return out;
}

bool applied(Connection& c, int version) {
  auto q = c.query("SELECT 1 FROM schema_migrations WHERE version = ?1");
  q.bind(1, version);
  return q.step();
}

// Foreign keys are off while a migration runs (a table rebuilt to change a CHECK must not
// cascade its DROP), as SQLite's ALTER TABLE guide says, and checked before it commits.
void check_foreign_keys(Connection& c) {
  auto q = c.query("PRAGMA foreign_key_check");
  if (q.step()) throw std::runtime_error("a foreign key of table " + q.text(0) + " points nowhere");
}

// Checked inside the transaction, so two processes migrating at once apply each version once.
void apply(Connection& c, const Migration& m) {
  c.exec("PRAGMA foreign_keys=OFF");
  c.exec("BEGIN IMMEDIATE");
  try {
    if (!applied(c, m.version)) {
      c.exec(m.sql.c_str());
      check_foreign_keys(c);
      auto q = c.query("INSERT INTO schema_migrations (version, name, applied_at)"
                       " VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER))");
      q.bind(1, m.version).bind(2, m.name);
      q.run();
    }
    c.exec("COMMIT");
    c.exec("PRAGMA foreign_keys=ON");
  } catch (const std::exception& e) {
    if (c.in_transaction()) c.exec("ROLLBACK");
    c.exec("PRAGMA foreign_keys=ON");
    throw std::runtime_error("migration " + m.name + " failed: " + e.what());
  }
}

}  // namespace

void migrate(Connection& c) {
  c.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
         " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
  for (const Migration* m : sqlite_migrations()) apply(c, *m);
}

int schema_version(Connection& c) {
  auto exists = c.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists.step()) return 0;
  auto q = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.step();
  return q.integer(0);
}

int latest_version() {
  auto all = sqlite_migrations();
  return all.empty() ? 0 : all.back()->version;
}

}  // namespace amt::store::sqlite
