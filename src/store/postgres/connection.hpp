// Small RAII wrappers over libpq: a connection with a per-connection cache of prepared statements,
// text parameters, and a result whose rows are read by column number.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace amt::store::postgres {

// A failed statement or a lost connection; sqlstate is the five-character SQLSTATE ("" if none).
class PgError : public std::runtime_error {
 public:
  PgError(std::string sqlstate, const std::string& message);
  const std::string& sqlstate() const { return sqlstate_; }
  // Another transaction got in the way (serialization failure, deadlock, or a unique or
  // exclusion constraint it won): running the transaction again may succeed.
  bool is_conflict() const;

 private:
  std::string sqlstate_;
};

// Parameters in libpq's text format; an empty optional is SQL NULL.
class Params {
 public:
  Params& add(std::string_view text) { values_.emplace_back(std::string(text)); return *this; }
  Params& add(std::int64_t value) { values_.emplace_back(std::to_string(value)); return *this; }
  Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
  Params& add_null() { values_.emplace_back(std::nullopt); return *this; }
  Params& add_text_or_null(std::string_view text) { return text.empty() ? add_null() : add(text); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

class Rows;

// One row of a result, read by column number.
class Row {
 public:
  Row(const Rows& rows, int index) : rows_(rows), index_(index) {}
  std::string text(int column) const;
  std::int64_t int64(int column) const;
  int integer(int column) const { return static_cast<int>(int64(column)); }
  bool is_null(int column) const;

 private:
  const Rows& rows_;
  int index_;
};

// Owns one PGresult.
class Rows {
 public:
  explicit Rows(pg_result* result) : result_(result) {}
  ~Rows();
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  Rows& operator=(Rows&&) = delete;

  int size() const;
  int affected() const;  // rows changed by INSERT / UPDATE / DELETE
  Row operator[](int index) const { return Row(*this, index); }
  pg_result* get() const { return result_; }

  struct iterator {
    const Rows* rows;
    int index;
    Row operator*() const { return Row(*rows, index); }
    iterator& operator++() { ++index; return *this; }
    bool operator!=(const iterator& other) const { return index != other.index; }
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  pg_result* result_;
};

class Connection {
 public:
  // Connects with a libpq URL ("postgresql://user@host:port/db"); throws PgError on failure.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const std::string& sql);  // one or more statements without parameters (simple protocol)
  // Prepares sql once per connection (use constant texts) and runs it with params.
  Rows query(const std::string& sql, const Params& params = {});
  // Sends sql (a constant text, prepared like query's) together with the next query() in one
  // round trip (libpq pipeline mode). It runs first, as a statement of its own: the next query's
  // snapshot is taken after it, so it sees what was committed while sql waited for a lock. Its
  // rows are dropped; its error is thrown by that next query(), which then does not run.
  void before_next_query(const std::string& sql, Params params);
  // COMMIT and then after_commit (one statement without parameters, whose first value is an
  // integer) in one round trip. Throws PgError when COMMIT fails; returns that value, or nothing
  // when after_commit failed, since by then the transaction is committed whatever happens to it.
  std::optional<std::int64_t> commit_then(const std::string& after_commit);
  bool healthy() const;         // the connection is up (as far as libpq knows) and usable
  // Reads what the server sent meanwhile without waiting, so a connection the server closed
  // (restart, failover, pg_terminate_backend) is known to be down before it is used.
  bool still_healthy();
  bool in_transaction() const;  // a transaction is open (or failed and not yet rolled back)
  bool transaction_failed() const;  // a statement failed; the transaction can only roll back

 private:
  struct Statement {
    std::string sql;
    Params params;
  };
  const std::string& prepared_name(const std::string& sql);  // prepares sql the first time
  Rows query_pipelined(const Statement& first, const std::string& sql, const Params& params);

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql text -> statement name
  std::optional<Statement> before_;  // sent with the next query()
};

// Ends an open (or failed) transaction, ignoring a connection that is gone meanwhile (the pool
// closes it when it comes back).
void rollback_quietly(Connection& c);

}  // namespace amt::store::postgres
