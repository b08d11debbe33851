// The periodic task: first run at once, runs again after a failing run, stops promptly.
#include "app/periodic_task.hpp"

#include <atomic>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace amt::app {
namespace {

bool wait_until(const std::atomic<int>& runs, int at_least) {
  for (int i = 0; i < 500 && runs < at_least; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return runs >= at_least;
}

TEST(PeriodicTask, RunsAtOnceWithoutWaitingForTheFirstInterval) {
  std::atomic<int> runs = 0;
  const PeriodicTask task("test", std::chrono::hours(1), [&] { ++runs; });
  EXPECT_TRUE(wait_until(runs, 1));
}

TEST(PeriodicTask, AFailingRunDoesNotStopTheNextOnes) {
  std::atomic<int> runs = 0;
  const PeriodicTask task("test", std::chrono::milliseconds(5), [&] {
    ++runs;
    throw std::runtime_error("database away");
  });
  EXPECT_TRUE(wait_until(runs, 3));
}

TEST(PeriodicTask, StopsPromptlyInsteadOfWaitingOutTheInterval) {
  std::atomic<int> runs = 0;
  const auto started = std::chrono::steady_clock::now();
  {
    const PeriodicTask task("test", std::chrono::hours(1), [&] { ++runs; });
    ASSERT_TRUE(wait_until(runs, 1));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace amt::app
