// Picks the Store implementation from a URL such as "sqlite:var/amtstermin.db".
#include <filesystem>
#include <stdexcept>

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

std::unique_ptr<Store> open_store(const std::string& url) {
  if (url.starts_with(sqlite_scheme)) return open_sqlite(url.substr(sqlite_scheme.size()));
  // A PostgreSQL implementation ("postgres://...") will be chosen here.
  throw std::invalid_argument("store url: unknown scheme in '" + url + "' (expected sqlite:<path>)");
}

}  // namespace amt::store
