// The one writer: a thread that owns the write connection and commits queued jobs in groups,
// so many bookings share one durable sync (group commit).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

class GroupCommitWriter {
 public:
  using Job = std::function<void(Connection&)>;
  static constexpr std::size_t max_group = 64;

  // on_commit runs on the writer thread after each commit that kept at least one job's changes,
  // on_undo after every rollback of a job or of a whole group (what the job wrote is gone again).
  GroupCommitWriter(std::unique_ptr<Connection> connection, std::function<void()> on_commit,
                    std::function<void()> on_undo = [] {});
  // Finishes every queued job, then joins the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs job in its own savepoint of the next group and returns once the group is durably
  // committed; rethrows what job threw (only job's changes are then rolled back), or the error
  // that made the whole group fail.
  void run(const Job& job);
  bool alive() const { return alive_.load(); }

 private:
  struct Pending {
    const Job* job;
    std::promise<void> done;
    std::exception_ptr error;
  };

  void loop();
  bool take_group(std::vector<Pending*>& group);
  void commit_group(std::vector<Pending*>& group);
  bool run_in_savepoint(Pending& p);  // false when the whole transaction is lost
  void fail_group(std::vector<Pending*>& group, const std::exception_ptr& error);

  std::unique_ptr<Connection> connection_;
  std::function<void()> on_commit_;
  std::function<void()> on_undo_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::atomic<bool> alive_{true};
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace amt::store::sqlite
