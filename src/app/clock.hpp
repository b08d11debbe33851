// "Now" is passed in, never read from a global: the system clock in production, and a clock that
// starts at a fixed instant and runs forward from there for tests and demos (AMTSTERMIN_CLOCK_NOW).
#pragma once

#include <chrono>
#include <optional>

#include "core/time.hpp"

namespace amt::app {

class Clock {
 public:
  // Without a start: the system clock. With one: start + time elapsed since construction.
  explicit Clock(std::optional<Instant> start = std::nullopt)
      : start_(start), origin_(std::chrono::steady_clock::now()) {}

  Instant now() const {
    if (!start_) return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return *start_ + std::chrono::floor<std::chrono::seconds>(std::chrono::steady_clock::now() - origin_);
  }
  bool is_fixed() const { return start_.has_value(); }

 private:
  std::optional<Instant> start_;
  std::chrono::steady_clock::time_point origin_;
};

}  // namespace amt::app
