// Group commit: BEGIN IMMEDIATE, each job in its own SAVEPOINT, one COMMIT (one WAL sync) for
// the group, then every caller is woken with its own outcome.
#include "store/sqlite/writer.hpp"

#include <stdexcept>

namespace amt::store::sqlite {

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection, std::function<void()> on_commit,
                                     std::function<void()> on_undo)
    : connection_(std::move(connection)),
      on_commit_(std::move(on_commit)),
      on_undo_(std::move(on_undo)),
      thread_([this] { loop(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void GroupCommitWriter::run(const Job& job) {
  // A job that writes again from inside the writer would wait for itself forever.
  if (std::this_thread::get_id() == thread_.get_id())
    throw std::logic_error("store: write() called from inside a write job");
  Pending pending{&job, {}, {}};
  auto done = pending.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::runtime_error("store: writer is shutting down");
    queue_.push_back(&pending);
  }
  wake_.notify_one();
  done.get();
}

void GroupCommitWriter::loop() {
  std::vector<Pending*> group;
  while (take_group(group)) commit_group(group);
  alive_ = false;
}

bool GroupCommitWriter::take_group(std::vector<Pending*>& group) {
  group.clear();
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  if (queue_.empty()) return false;  // stopping, and everything is drained
  while (!queue_.empty() && group.size() < max_group) {
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  return true;
}

void GroupCommitWriter::commit_group(std::vector<Pending*>& group) {
  Connection& c = *connection_;
  try {
    c.exec("BEGIN IMMEDIATE");
  } catch (...) {
    fail_group(group, std::current_exception());
    return;
  }
  bool kept_any = false;
  for (Pending* p : group) {
    if (!run_in_savepoint(*p)) {
      fail_group(group, p->error);
      return;
    }
    kept_any = kept_any || !p->error;
  }
  try {
    c.exec("COMMIT");
  } catch (...) {
    fail_group(group, std::current_exception());
    return;
  }
  if (kept_any) on_commit_();
  for (Pending* p : group) p->error ? p->done.set_exception(p->error) : p->done.set_value();
}

bool GroupCommitWriter::run_in_savepoint(Pending& p) {
  Connection& c = *connection_;
  try {
    c.exec("SAVEPOINT job");
    (*p.job)(c);
    c.exec("RELEASE job");
    return true;
  } catch (...) {
    p.error = std::current_exception();
  }
  // Some errors (disk full, I/O error) make SQLite roll back the whole transaction itself: then
  // the earlier jobs of this group lost their changes too.
  if (!c.in_transaction()) return false;
  try {
    c.exec("ROLLBACK TO job; RELEASE job");
    on_undo_();
    return true;
  } catch (...) {
    return false;
  }
}

void GroupCommitWriter::fail_group(std::vector<Pending*>& group, const std::exception_ptr& error) {
  if (connection_->in_transaction()) {
    try {
      connection_->exec("ROLLBACK");
    } catch (...) {  // nothing more to undo; the callers learn of the failure below
    }
  }
  on_undo_();
  for (Pending* p : group) p->done.set_exception(p->error ? p->error : error);
}

}  // namespace amt::store::sqlite
