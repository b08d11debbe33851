// libpq wrappers: errors carry the SQLSTATE, so the store can tell a lost race from a broken query.
#include "store/postgres/connection.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace amt::store::postgres {
namespace {

// Server notices ("extension already exists, skipping") are not errors; keep them off stderr.
void ignore_notice(void*, const char*) {}

PgError error_of(PGconn* conn, PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  std::string text = std::string(what) + ": " + (message && *message ? message : PQerrorMessage(conn));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return PgError(state ? state : "", text);
}

// Throws unless the result is a success; frees it when throwing.
Rows checked(PGconn* conn, PGresult* result, std::string_view what) {
  auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  PgError error = error_of(conn, result, what);
  PQclear(result);
  throw error;
}

}  // namespace

PgError::PgError(std::string sqlstate, const std::string& message)
    : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}

bool PgError::is_conflict() const {
  return sqlstate_ == "40001"     // serialization_failure
         || sqlstate_ == "40P01"  // deadlock_detected
         || sqlstate_ == "23505"  // unique_violation
         || sqlstate_ == "23P01";  // exclusion_violation
}

Rows::~Rows() { PQclear(result_); }
int Rows::size() const { return PQntuples(result_); }

int Rows::affected() const {
  const char* n = PQcmdTuples(result_);
  return n && *n ? std::atoi(n) : 0;
}

std::string Row::text(int column) const {
  const char* value = PQgetvalue(rows_.get(), index_, column);
  return std::string(value, static_cast<std::size_t>(PQgetlength(rows_.get(), index_, column)));
}

bool Row::is_null(int column) const { return PQgetisnull(rows_.get(), index_, column) != 0; }

std::int64_t Row::int64(int column) const {
  const char* value = PQgetvalue(rows_.get(), index_, column);
  const char* end = value + PQgetlength(rows_.get(), index_, column);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(value, end, out);
  if (ec != std::errc{} || ptr != end) throw PgError("", "not an integer: " + std::string(value, end));
  return out;
}

Connection::Connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    PgError error("08001", std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn_));
    PQfinish(conn_);
    throw error;
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::exec(const std::string& sql) { checked(conn_, PQexec(conn_, sql.c_str()), "exec"); }

Rows Connection::query(const std::string& sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "amt" + std::to_string(prepared_.size());
    checked(conn_, PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "prepare " + sql);
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.values().size());
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  return checked(conn_,
                 PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(),
                                nullptr, nullptr, 0),
                 sql);
}

std::optional<std::int64_t> Connection::commit_then(const std::string& after_commit) {
  const std::string sql = "COMMIT; " + after_commit;
  if (!PQsendQuery(conn_, sql.c_str())) throw error_of(conn_, nullptr, "commit");
  // One result per statement; a failed COMMIT ends the batch with its error.
  std::vector<PGresult*> results;
  while (PGresult* r = PQgetResult(conn_)) results.push_back(r);
  std::optional<PgError> commit_error;
  if (results.empty() || PQresultStatus(results[0]) != PGRES_COMMAND_OK)
    commit_error = error_of(conn_, results.empty() ? nullptr : results[0], "commit");
  Rows after(results.size() == 2 ? results[1] : nullptr);
  for (std::size_t i = 0; i < results.size(); ++i)
    if (results[i] != after.get()) PQclear(results[i]);
  if (commit_error) throw *commit_error;
  if (!after.get() || PQresultStatus(after.get()) != PGRES_TUPLES_OK || after.size() == 0) return std::nullopt;
  try {
    return after[0].int64(0);
  } catch (const PgError&) {  // committed all the same: never report that write as failed
    return std::nullopt;
  }
}

bool Connection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::still_healthy() {
  // A closing server first sends its FATAL message, then end-of-file: the first read takes the
  // message, a second one meets the end. Reads that find nothing return at once.
  for (int reads = 0; reads < 3 && healthy(); ++reads) {
    if (!PQconsumeInput(conn_)) break;
    PQisBusy(conn_);  // parses what arrived (notices, the FATAL message)
  }
  return healthy();
}

bool Connection::in_transaction() const {
  auto s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

bool Connection::transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

}  // namespace amt::store::postgres
