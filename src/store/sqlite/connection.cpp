// RAII wrappers over the sqlite3 C API, and the pragmas every connection runs with.
#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

#include <string>

namespace amt::store::sqlite {

SqliteError::SqliteError(int code, const std::string& message)
    : std::runtime_error(message), code_(code) {}

bool SqliteError::is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

void check(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  std::string message = "sqlite: ";
  message.append(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(db != nullptr ? sqlite3_extended_errcode(db) : rc, message);
}

Statement::Statement(sqlite3* db, std::string_view sql) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt_, nullptr);
  check(db, rc, sql);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Query::Query(sqlite3* db, Statement& statement) : db_(db), stmt_(statement.get()) {}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::bind(int index, std::int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the text, so temporaries may be bound.
  check(db_, sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
        "bind");
  return *this;
}

Query& Query::bind_null(int index) {
  check(db_, sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

Query& Query::bind_text_or_null(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  check(db_, rc, sqlite3_sql(stmt_));
  return false;
}

void Query::run() {
  while (step()) {
  }
}

int Query::changes() const { return sqlite3_changes(db_); }

std::int64_t Query::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Query::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Query::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Connection::Connection(const std::string& path, int cache_kib) {
  // NOMUTEX: each connection is used by one thread at a time (the writer, or a leased reader).
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "sqlite: cannot open " + path + ": " +
                          (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    throw SqliteError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  // WAL: readers never block the writer nor the writer them.
  // synchronous=FULL: in WAL mode NORMAL syncs only at checkpoints, so the last committed
  // transactions can vanish on power loss. An acknowledged booking must survive kill -9 AND
  // power loss, so every commit syncs the WAL; group commit amortises that sync over many
  // bookings. foreign_keys is per connection and off by default.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  // Memory target: the whole server within 64 MB RSS with 100,000 appointments, so each
  // connection's page cache stays small and memory mapping stays off.
  std::string cache = "PRAGMA cache_size=-" + std::to_string(cache_kib) + "; PRAGMA mmap_size=0;";
  exec(cache.c_str());
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return;
  std::string message = std::string("sqlite: ") + (error != nullptr ? error : sqlite3_errstr(rc));
  sqlite3_free(error);
  throw SqliteError(sqlite3_extended_errcode(db_), message);
}

Query Connection::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end())
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
  return Query(db_, *it->second);
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace amt::store::sqlite
