// Picks the Store implementation from a URL: "sqlite:var/amtstermin.db" or "postgresql://...".
#include <filesystem>
#include <stdexcept>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace amt::store {
namespace {

constexpr std::string_view sqlite_scheme = "sqlite:";

std::unique_ptr<Store> open_sqlite(const std::string& path) {
  if (path.empty()) throw std::invalid_argument("store url: sqlite: needs a file path");
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  return std::make_unique<sqlite::SqliteStore>(path);
}

}  // namespace

std::unique_ptr<Store> open_store(const std::string& url) { return open_store(url, StoreOptions{}); }

std::unique_ptr<Store> open_store(const std::string& url, const StoreOptions& options) {
  if (url.starts_with(sqlite_scheme)) return open_sqlite(url.substr(sqlite_scheme.size()));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    if (options.pool_size < 1) throw std::invalid_argument("store: pool_size must be at least 1");
    return std::make_unique<postgres::PgStore>(url, options.pool_size);
  }
  throw std::invalid_argument("store url: unknown scheme in '" + url +
                              "' (expected sqlite:<path> or postgresql://...)");
}

}  // namespace amt::store
