// Group commit: BEGIN, each job in its own SAVEPOINT, one COMMIT (with the data-version
// announcement in its round trip), then every caller is woken with its own outcome.
//
// Why waiting for locks cannot deadlock across groups: the first job of a group holds nothing
// else while it waits, exactly like a single write before. Once a job has kept its changes, the
// group holds their locks until it commits; a later job that would then wait for another
// transaction's lock could close a cycle of waits (found by PostgreSQL only after
// deadlock_timeout, a second), so it gives up at once (lock_timeout) and goes back to the front of
// the queue, where it is the next group's first job and may wait.
#include "store/postgres/group_commit.hpp"

#include <algorithm>

namespace amt::store::postgres {
namespace {

constexpr const char* lock_not_available = "55P03";

}  // namespace

GroupCommit::GroupCommit(Pool& pool, int lanes, std::string after_commit_sql, OnCommit on_commit)
    : pool_(pool), lanes_(std::max(lanes, 1)), after_commit_sql_(std::move(after_commit_sql)),
      on_commit_(std::move(on_commit)) {}

void GroupCommit::run(const Job& job) {
  Pending mine(&job);
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.finished) {
    if (leading_ < lanes_ && !queue_.empty()) lead(lock);
    else changed_.wait(lock);
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void GroupCommit::lead(std::unique_lock<std::mutex>& lock) {
  std::vector<Pending*> group;
  while (!queue_.empty() && group.size() < max_group) {
    group.push_back(queue_.front());
    queue_.pop_front();
    group.back()->outcome = Outcome::not_run;
  }
  ++leading_;
  lock.unlock();
  run_group(group);
  lock.lock();
  --leading_;
  // Jobs to run again go back to the front in their order: the next group starts with them.
  for (auto p = group.rbegin(); p != group.rend(); ++p) {
    if ((*p)->outcome == Outcome::again) queue_.push_front(*p);
    else (*p)->finished = true;
  }
  changed_.notify_all();
}

void GroupCommit::run_group(std::vector<Pending*>& group) {
  bool committed = false;
  std::optional<std::int64_t> version;
  try {
    auto c = pool_.acquire();
    committed = commit_group(*c, group, version);
  } catch (...) {
    fail_group(group, std::current_exception());
    return;
  }
  // With the connection back in the pool: on_commit may need one (pool size 1).
  if (committed) on_commit_(version);
}

bool GroupCommit::commit_group(Connection& c, std::vector<Pending*>& group, std::optional<std::int64_t>& version) {
  bool holding = false;
  bool limited = false;
  c.exec("BEGIN; SAVEPOINT job");
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (i > 0) {
      const bool limit_now = holding && !limited;
      c.exec(limit_now ? "SET LOCAL lock_timeout = '1ms'; SAVEPOINT job" : "SAVEPOINT job");
      limited = limited || limit_now;
    }
    run_job(c, *group[i], holding);
    holding = holding || group[i]->outcome == Outcome::kept;
  }
  if (!holding) {
    c.exec("ROLLBACK");
    return false;
  }
  try {
    // After the commit, never before, the shared data version moves on and is announced: a
    // server that sees the new version also sees the new data. Both go in one round trip.
    version = c.commit_then(after_commit_sql_);
    return true;
  } catch (const PgError& e) {
    // The group as a whole lost a race at COMMIT (the deferred no-double-booking check): every
    // job that had kept its changes runs again and then sees the other transaction's rows.
    rollback_quietly(c);
    if (!e.is_conflict() && e.sqlstate() != lock_not_available) throw;
    for (Pending* p : group) {
      if (p->outcome != Outcome::kept) continue;
      p->error = std::current_exception();
      p->outcome = ++p->attempts < max_attempts ? Outcome::again : Outcome::failed;
    }
    return false;
  }
}

void GroupCommit::run_job(Connection& c, Pending& p, bool holding) {
  p.error = nullptr;
  try {
    (*p.job)(c);
    // A statement that failed inside job but whose error job swallowed would make the group's
    // COMMIT roll back everything; refuse it here, as job's own failure.
    if (c.transaction_failed()) throw PgError("25P02", "write: a statement failed inside the transaction");
    p.outcome = Outcome::kept;
    return;
  } catch (const PgError& e) {
    p.error = std::current_exception();
    if (holding && e.sqlstate() == lock_not_available) p.outcome = Outcome::again;  // not an attempt
    else if (e.is_conflict() && ++p.attempts < max_attempts) p.outcome = Outcome::again;
    else p.outcome = Outcome::failed;
  } catch (...) {
    p.error = std::current_exception();
    p.outcome = Outcome::failed;
  }
  c.exec("ROLLBACK TO SAVEPOINT job");  // throws when the connection is gone: the group fails
}

// The connection or the database failed the group as a whole: jobs that lost a race in it still
// run again (on another connection), every other one fails with its own error or else the group's.
void GroupCommit::fail_group(std::vector<Pending*>& group, const std::exception_ptr& error) {
  for (Pending* p : group) {
    if (p->outcome == Outcome::again) continue;
    if (p->outcome != Outcome::failed) p->error = error;
    p->outcome = Outcome::failed;
  }
}

}  // namespace amt::store::postgres
