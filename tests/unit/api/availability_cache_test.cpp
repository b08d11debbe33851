// The availability answer cache: stale answers are never served, and many requests that miss at
// the same moment compute the answer once.
#include "api/availability_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace amt::api {
namespace {

using Stamp = AvailabilityCache::Stamp;

AvailabilityCache::Body body(const char* text) { return std::make_shared<const std::string>(text); }

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
  constexpr int requests = 8;
  std::latch start(requests);
  std::vector<AvailabilityCache::Body> answers(requests);
  std::vector<std::jthread> threads;
  for (int i = 0; i < requests; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      answers[i] = cache.find_or_compute("k", {7, 1, 100}, [&] {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the others arrive meanwhile
        return body("answer");
      });
    });
  threads.clear();
  EXPECT_EQ(computed.load(), 1);
  for (const auto& answer : answers) {
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer, answers[0]);  // one shared body
  }
  EXPECT_EQ(cache.find("k", {7, 1, 100}), answers[0]);
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
