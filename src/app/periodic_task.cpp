// The periodic task's thread (see periodic_task.hpp).
#include "app/periodic_task.hpp"

#include <spdlog/spdlog.h>

namespace amt::app {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work)
    : name_(std::move(name)),
      interval_(interval),
      work_(std::move(work)),
      thread_([this](std::stop_token stop) { run(stop); }) {}

PeriodicTask::~PeriodicTask() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    try {
      work_();
    } catch (const std::exception& e) {
      // The database may be away for a moment; the next run tries again.
      spdlog::error("{}: run failed: {}", name_, e.what());
    }
    wake_.wait_for(lock, stop, interval_, [] { return false; });  // the stop request wakes it early
  }
}

}  // namespace amt::app
