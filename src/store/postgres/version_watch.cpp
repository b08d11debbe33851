// VersionWatch: one libpq connection per server, driven without blocking calls (poll in short
// slices), so that it notices a lost connection, a slow database and a stop request alike.
#include "store/postgres/version_watch.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

namespace amt::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto slice = std::chrono::milliseconds(50);  // longest wait before looking at stop_
// A connection that leaves a heartbeat unanswered this long is given up and replaced (a silent
// network failure would otherwise hold it for as long as TCP takes to notice).
constexpr auto give_up_after = std::chrono::seconds(10);
// The newest version any server has handed out; it is handed out only after its write committed.
constexpr const char* heartbeat_sql = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM data_version";

std::optional<std::uint64_t> parse_version(const char* text) {
  const char* end = text + std::strlen(text);
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc{} || ptr != end || ptr == text) return std::nullopt;
  return value;
}

// Returns when the connection has something to read, at `until`, or after one slice.
void wait_readable(PGconn* conn, Clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
  left = std::clamp(left, std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(slice));
  pollfd p{PQsocket(conn), POLLIN, 0};
  poll(&p, 1, static_cast<int>(left.count()));
}

// libpq takes a URL or key=value text as dbname when told to expand it; later keys override
// earlier ones, so the URL may set its own timeout but the name always marks this connection.
PGconn* connect(const std::string& url) {
  const char* keys[] = {"connect_timeout", "dbname", "application_name", nullptr};
  const char* values[] = {"5", url.c_str(), VersionWatch::application_name, nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn) == CONNECTION_OK) return conn;
  PQfinish(conn);
  return nullptr;
}

}  // namespace

VersionWatch::VersionWatch(std::string url, Timing timing)
    : url_(std::move(url)), timing_(timing), thread_([this] { run(); }) {}

VersionWatch::~VersionWatch() {
  stop_ = true;
  thread_.join();
}

std::optional<std::uint64_t> VersionWatch::current() const {
  // Validity first: the thread raises the version before it extends the lease.
  if (Clock::now().time_since_epoch().count() >= valid_until_.load()) return std::nullopt;
  return version_.load();
}

void VersionWatch::raise(std::uint64_t version) {
  for (auto seen = version_.load(); version > seen && !version_.compare_exchange_weak(seen, version);) {
  }
}

void VersionWatch::run() {
  while (!stop_) {
    if (PGconn* conn = connect(url_)) {
      follow(conn);
      PQfinish(conn);
    }
    invalidate();  // at once: whatever happens until the next heartbeat is unknown
    for (auto until = Clock::now() + timing_.reconnect; !stop_ && Clock::now() < until;)
      std::this_thread::sleep_for(std::min<Clock::duration>(slice, until - Clock::now()));
  }
}

// LISTEN first, then read the version: a commit before the read is in it, one after is announced.
void VersionWatch::follow(PGconn* conn) {
  const std::string listen = std::string("LISTEN ") + version_channel;
  if (!PQsendQuery(conn, listen.c_str()) || !await_result(conn, Clock::now() + give_up_after, nullptr)) return;
  for (;;) {
    const auto sent = Clock::now();
    std::optional<std::uint64_t> version;
    if (!PQsendQuery(conn, heartbeat_sql) || !await_result(conn, sent + give_up_after, &version)) return;
    if (version) {
      raise(*version);
      // The lease counts from sending: the answer includes every write committed before that.
      valid_until_.store((sent + timing_.lease).time_since_epoch().count());
    } else {
      invalidate();  // no version to read yet (database not migrated): try again next time
    }
    if (!idle_until(conn, sent + timing_.heartbeat)) return;
  }
}

// Collects the results of the statement just sent; value (if given) receives its single value
// when the statement succeeded. False when the connection failed, stop was asked or time ran out.
bool VersionWatch::await_result(PGconn* conn, Clock::time_point deadline, std::optional<std::uint64_t>* value) {
  for (;;) {
    if (!take_input(conn)) return false;
    while (!PQisBusy(conn)) {
      PGresult* r = PQgetResult(conn);
      if (!r) return PQstatus(conn) == CONNECTION_OK;  // all results of the statement are in
      if (PQresultStatus(r) == PGRES_TUPLES_OK && value && PQntuples(r) == 1)
        *value = parse_version(PQgetvalue(r, 0, 0));
      PQclear(r);
    }
    if (stop_ || Clock::now() >= deadline) return false;
    wait_readable(conn, deadline);
  }
}

bool VersionWatch::idle_until(PGconn* conn, Clock::time_point until) {
  for (;;) {
    if (!take_input(conn) || stop_) return false;
    if (Clock::now() >= until) return true;
    wait_readable(conn, until);
  }
}

bool VersionWatch::take_input(PGconn* conn) {
  if (!PQconsumeInput(conn)) return false;
  while (PGnotify* n = PQnotifies(conn)) {
    // Another sender on the channel (not a number) changes nothing; the heartbeat stays the truth.
    if (auto version = parse_version(n->extra)) raise(*version);
    PQfreemem(n);
  }
  return PQstatus(conn) == CONNECTION_OK;
}

}  // namespace amt::store::postgres
