// The availability answer cache: stale answers are never served, and many requests that miss at
// the same moment compute the answer once.
#include "api/availability_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace amt::api {
namespace {

using Stamp = AvailabilityCache::Stamp;

AvailabilityCache::Body body(const char* text) { return std::make_shared<const std::string>(text); }

constexpr int requests = 8;

// The answers of `requests` threads released together, request i asking through ask(i).
std::vector<AvailabilityCache::Body> ask_at_once(const std::function<AvailabilityCache::Body(int)>& ask) {
  std::latch start(requests);
  std::vector<AvailabilityCache::Body> answers(requests);
  std::vector<std::jthread> threads;
  for (int i = 0; i < requests; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      answers[i] = ask(i);
    });
  threads.clear();
  return answers;
}

TEST(AvailabilityCache, AnAnswerIsServedOnlyUnderTheStampItWasComputedFor) {
  AvailabilityCache cache;
  cache.put("k", {1, 1, 100}, body("a"));
  ASSERT_NE(cache.find("k", {1, 1, 100}), nullptr);
  EXPECT_EQ(*cache.find("k", {1, 1, 100}), "a");
  EXPECT_EQ(cache.find("k", {2, 1, 100}), nullptr);  // a write
  EXPECT_EQ(cache.find("k", {1, 2, 100}), nullptr);  // a catalog change
  EXPECT_EQ(cache.find("k", {1, 1, 101}), nullptr);  // the next minute
  cache.put("k", {0, 1, 100}, body("late"));          // computed before the newest write: dropped
  EXPECT_EQ(*cache.find("k", {1, 1, 100}), "a");
}

TEST(AvailabilityCache, RequestsMissingAtTheSameMomentComputeTheAnswerOnce) {
  AvailabilityCache cache;
  std::atomic<int> computed{0};
  const auto answers = ask_at_once([&](int) {
    return cache.find_or_compute("k", {7, 1, 100}, [&] {
      ++computed;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the others arrive meanwhile
      return body("answer");
    });
  });
  EXPECT_EQ(computed.load(), 1);
  for (const auto& answer : answers) {
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer, answers[0]);  // one shared body
  }
  EXPECT_EQ(cache.find("k", {7, 1, 100}), answers[0]);
}

// Regression (issue #2 memory peak): a burst of writes made every request start a computation
// for its own stamp beside the ones still running, each holding weeks of appointments.
TEST(AvailabilityCache, RequestsAfterABurstOfWritesComputeOneAtATimeAndNeverGetAnOlderAnswer) {
  AvailabilityCache cache;
  std::atomic<int> running{0};
  std::atomic<int> most_at_once{0};
  std::atomic<int> computed{0};
  const auto answers = ask_at_once([&](int i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * i));  // a write between each two requests
    const std::uint64_t version = 10 + static_cast<std::uint64_t>(i);
    return cache.find_or_compute("k", {version, 1, 100}, [&, version] {
      const int now_running = ++running;
      int seen = most_at_once.load();
      while (now_running > seen && !most_at_once.compare_exchange_weak(seen, now_running)) {
      }
      ++computed;
      std::this_thread::sleep_for(std::chrono::milliseconds(150));  // every later request arrives meanwhile
      --running;
      return body(std::to_string(version).c_str());
    });
  });
  EXPECT_EQ(most_at_once.load(), 1);
  EXPECT_LT(computed.load(), requests) << "requests waiting for the same newer answer share it";
  for (int i = 0; i < requests; ++i) {
    ASSERT_NE(answers[i], nullptr);
    EXPECT_GE(std::stoi(*answers[i]), 10 + i) << "request " << i << " got an answer from before its write";
  }
  EXPECT_EQ(*cache.find("k", {17, 1, 100}), "17") << "the newest answer is cached";
}

TEST(AvailabilityCache, AnAnswerThatIsNotSharedIsComputedByEachCallerAndNotCached) {
  AvailabilityCache cache;
  int computed = 0;
  const auto refuse = [&]() -> AvailabilityCache::Body {
    ++computed;
    return nullptr;
  };
  EXPECT_EQ(cache.find_or_compute("k", {1, 1, 1}, refuse), nullptr);
  EXPECT_EQ(cache.find_or_compute("k", {1, 1, 1}, refuse), nullptr);
  EXPECT_EQ(computed, 2);
  EXPECT_THROW(cache.find_or_compute("k", {1, 1, 1}, []() -> AvailabilityCache::Body { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_EQ(*cache.find_or_compute("k", {1, 1, 1}, [] { return body("b"); }), "b");  // nothing left hanging
}

}  // namespace
}  // namespace amt::api
