// The contract fixture, its sample data and comparisons, and the backends it runs against.
#include "store_contract.hpp"

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "store/migrations.hpp"
#include "store/postgres/connection.hpp"

namespace amt::store::testing {

void StoreContract::SetUp() {
  db_ = GetParam().create_migrated();
  store_ = open_store(db_.url);
  store_->migrate();
}

void StoreContract::TearDown() {
  store_.reset();
  if (db_.drop) db_.drop();
}

void StoreContract::reopen() {
  store_.reset();
  store_ = open_store(db_.url);
}

void StoreContract::close_store() { store_.reset(); }

int StoreContract::latest_migration() const {
  int latest = 0;
  for (const Migration& m : embedded_migrations())
    if (m.engine == GetParam().engine) latest = std::max(latest, m.version);
  return latest;
}

void run_raw_sql(const std::string& url, const std::string& sql) {
  if (url.starts_with("sqlite:")) {
    sqlite3* db = nullptr;
    const std::string path = url.substr(std::string("sqlite:").size());
    char* error = nullptr;
    const bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
                    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK;
    const std::string message = error ? error : "open failed";
    sqlite3_free(error);
    sqlite3_close(db);
    if (!ok) throw std::runtime_error(message);
    return;
  }
  postgres::Connection c(url);
  c.exec(sql);
}

// A fresh directory per test; the database sits one level below it, so open_store() has to
// create its parent directory.
// Migrating a SQLite file takes milliseconds, so "migrated" is the same empty file: the fixtures
// migrate it themselves.
StoreBackend sqlite_backend() {
  const auto create = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "amt-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    std::filesystem::path dir = pattern;
    return TestDatabase{"sqlite:" + (dir / "var" / "amtstermin.db").string(),
                        [dir] { std::filesystem::remove_all(dir); }};
  };
  return {"sqlite", "sqlite", create, create};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(sqlite_backend()),
                         [](const auto& info) { return info.param.name; });

// The PostgreSQL instantiation is in store_contract_postgres.cpp.

}  // namespace amt::store::testing
