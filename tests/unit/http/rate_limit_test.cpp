// Rate limits: a burst up to the limit, then one more per window / limit, each key on its own.
#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

namespace amt::http {
namespace {

using namespace std::chrono_literals;
const RateLimiter::Clock::time_point t0{std::chrono::seconds{1804489200}};

TEST(RateLimiter, AdmitsABurstUpToTheLimitThenSaysHowLongToWait) {
  RateLimiter limiter(3, 3600s);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.admit("10.0.0.1", t0)) << i;
  const auto wait = limiter.admit("10.0.0.1", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 1200s);  // one more every 20 minutes
  EXPECT_TRUE(limiter.admit("10.0.0.1", t0 + 1199s));
  EXPECT_FALSE(limiter.admit("10.0.0.1", t0 + 1200s));
}

TEST(RateLimiter, KeysAreCountedSeparatelyAndZeroSwitchesTheLimitOff) {
  RateLimiter limiter(1, 60s);
  EXPECT_FALSE(limiter.admit("a", t0));
  EXPECT_TRUE(limiter.admit("a", t0));
  EXPECT_FALSE(limiter.admit("b", t0));
  RateLimiter off(0, 60s);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(off.admit("a", t0));
}

TEST(BookingRateLimits, RefusesWhenEitherTheClientOrAnyContactIsOverItsLimit) {
  BookingRateLimits limits(10, 1, 3600s);
  EXPECT_FALSE(limits.admit("10.0.0.1", {"email:a@example.org"}, t0));
  EXPECT_TRUE(limits.admit("10.0.0.2", {"email:a@example.org"}, t0));
  EXPECT_TRUE(limits.admit("10.0.0.3", {"phone:0151", "email:a@example.org"}, t0));
  EXPECT_FALSE(limits.admit("10.0.0.3", {"email:b@example.org"}, t0));
}

}  // namespace
}  // namespace amt::http
