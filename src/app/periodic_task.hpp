// A piece of background work repeated on its own thread at a fixed wall-clock interval (first run
// at once), e.g. queueing the document reminders (issue #7) whether or not mail delivery is set up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace amt::app {

class PeriodicTask {
 public:
  // `name` appears in the log when a run fails; a failure never stops later runs.
  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
  ~PeriodicTask();  // waits for a run in progress, then stops
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void run(std::stop_token stop);

  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: starts once everything above exists
};

}  // namespace amt::app
