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

std::vector<const char*> values_of(const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.values().size());
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  return values;
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

const std::string& Connection::prepared_name(const std::string& sql) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "amt" + std::to_string(prepared_.size());
    checked(conn_, PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "prepare " + sql);
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  return found->second;
}

Rows Connection::query(const std::string& sql, const Params& params) {
  if (before_) {
    const Statement first = std::move(*before_);
    before_.reset();
    return query_pipelined(first, sql, params);
  }
  const std::string& name = prepared_name(sql);
  const auto values = values_of(params);
  return checked(conn_,
                 PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                nullptr, 0),
                 sql);
}

void Connection::before_next_query(const std::string& sql, Params params) {
  before_ = Statement{sql, std::move(params)};
}

// Both statements and a sync point go out at once; the results come back in order: first's
// result, second's (PGRES_PIPELINE_ABORTED when first failed), each ended by a null, then the
// sync. A connection that breaks on the way stays in pipeline mode and is no longer healthy, so
// the pool closes it.
Rows Connection::query_pipelined(const Statement& first, const std::string& sql, const Params& params) {
  const std::string first_name = prepared_name(first.sql);
  const std::string& name = prepared_name(sql);
  const auto first_values = values_of(first.params);
  const auto values = values_of(params);
  if (!PQenterPipelineMode(conn_) ||
      !PQsendQueryPrepared(conn_, first_name.c_str(), static_cast<int>(first_values.size()), first_values.data(),
                           nullptr, nullptr, 0) ||
      !PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                           0) ||
      !PQpipelineSync(conn_))
    throw error_of(conn_, nullptr, "pipeline " + sql);
  auto next_result = [this] {
    PGresult* result = PQgetResult(conn_);
    while (PGresult* more = result ? PQgetResult(conn_) : nullptr) PQclear(more);  // up to the null
    return result;
  };
  PGresult* first_result = next_result();
  PGresult* result = next_result();
  PGresult* sync = PQgetResult(conn_);
  const bool synced = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (synced) PQexitPipelineMode(conn_);
  try {
    checked(conn_, first_result, first.sql);  // frees it when it throws
  } catch (...) {
    PQclear(result);
    throw;
  }
  return checked(conn_, result, sql);
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

// A connection left in pipeline mode (a round trip broke off half-way) cannot run statements.
bool Connection::healthy() const {
  return PQstatus(conn_) == CONNECTION_OK && PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
}

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

void rollback_quietly(Connection& c) {
  if (!c.in_transaction()) return;
  try {
    c.exec("ROLLBACK");
  } catch (const PgError&) {
  }
}

}  // namespace amt::store::postgres
