// Group commit on PostgreSQL: the writes one server makes at the same moment share a transaction,
// so that one WAL flush, one data-version announcement and one turn at each lock serve them all
// (the idea of the SQLite writer, sqlite/writer.cpp). Each job runs in its own savepoint. There is
// no thread of its own: a caller that finds a lane free leads the next group on a pooled
// connection, and the callers whose jobs it took wait for their outcome.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/postgres/pool.hpp"

namespace amt::store::postgres {

class GroupCommit {
 public:
  using Job = std::function<void(Connection&)>;
  // Called on the leading thread after each commit in which some job kept its changes, before
  // their callers return, with the value of after_commit_sql (nothing when it failed).
  using OnCommit = std::function<void(std::optional<std::int64_t>)>;

  // Every savepoint is a subtransaction; a backend keeps 64 of them in shared memory, beyond which
  // every other session's snapshots get slower.
  static constexpr std::size_t max_group = 32;
  // How often a job runs at most when other transactions keep winning races against it.
  static constexpr int max_attempts = 10;

  // lanes: groups in flight at once, each holding one of pool's connections until it commits.
  // after_commit_sql: one statement without parameters whose first value is an integer, sent in
  // the round trip of the COMMIT (Connection::commit_then).
  GroupCommit(Pool& pool, int lanes, std::string after_commit_sql, OnCommit on_commit);
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs job in its own savepoint of a group and returns once the group is durably committed.
  // Rethrows what job threw (then only job's changes were rolled back) or the error that made
  // the whole group fail. A job that lost a race (PgError::is_conflict) runs again, in a later
  // group, up to max_attempts times.
  void run(const Job& job);

 private:
  enum class Outcome { not_run, kept, failed, again };
  struct Pending {
    explicit Pending(const Job* j) : job(j) {}
    const Job* job;
    Outcome outcome = Outcome::not_run;
    std::exception_ptr error;
    int attempts = 0;
    bool finished = false;  // guarded by mutex_
  };

  void lead(std::unique_lock<std::mutex>& lock);
  void run_group(std::vector<Pending*>& group);
  // Returns whether the group committed with some job's changes; sets version then.
  bool commit_group(Connection& c, std::vector<Pending*>& group, std::optional<std::int64_t>& version);
  void run_job(Connection& c, Pending& p, bool holding);
  void fail_group(std::vector<Pending*>& group, const std::exception_ptr& error);

  Pool& pool_;
  const int lanes_;
  const std::string after_commit_sql_;
  const OnCommit on_commit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Pending*> queue_;
  int leading_ = 0;  // groups in flight
};

}  // namespace amt::store::postgres
