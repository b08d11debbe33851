// Small RAII wrappers over the sqlite3 C API: a connection with a per-connection cache of
// prepared statements, and a query handle that binds, steps and resets one cached statement.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace amt::store::sqlite {

// Failing infrastructure or a violated constraint; code is the extended SQLite result code.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message);
  int code() const { return code_; }
  bool is_constraint() const;

 private:
  int code_;
};

// Owns one sqlite3_stmt. Not copyable; moved only inside the cache.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// One use of a cached statement: bind parameters (1-based), step through rows, read columns.
// Resets the statement and clears its bindings when it goes out of scope, so the next user
// starts clean and no read transaction is held open by an unfinished SELECT.
class Query {
 public:
  Query(sqlite3* db, Statement& statement);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, std::string_view text);
  Query& bind_null(int index);
  Query& bind_text_or_null(int index, std::string_view text);  // '' binds NULL (matches nothing)

  bool step();  // true while there is a row
  void run();   // steps a statement that returns no rows
  int changes() const;

  std::int64_t int64(int column) const;
  int integer(int column) const { return static_cast<int>(int64(column)); }
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (and creates) the database file; the pragmas every connection needs are applied.
  Connection(const std::string& path, int cache_kib);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  void exec(const char* sql);  // one or more statements without parameters or results
  // Prepares sql once per connection; the text must be the same each time (use constants).
  Query query(std::string_view sql);
  bool in_transaction() const;

 private:
  sqlite3* db_ = nullptr;
  // Looked up by string_view: a lookup per statement must not allocate.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> cache_;
};

// Throws SqliteError when rc is not SQLITE_OK / SQLITE_ROW / SQLITE_DONE.
void check(sqlite3* db, int rc, std::string_view what);

}  // namespace amt::store::sqlite
