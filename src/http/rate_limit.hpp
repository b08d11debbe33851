// Rate limits keyed by any string (a client address, a normalised e-mail address), after the generic
// cell rate algorithm: per key one "theoretical arrival time", so memory stays one number per
// active key. A limit of n per window admits a burst of n, then one more every window / n.
// Counters live in this process: several servers each count on their own (see docs/operations.md).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace amt::http {

class RateLimiter {
 public:
  using Clock = std::chrono::system_clock;
  // limit <= 0 switches the limiter off (everything is admitted).
  RateLimiter(int limit, std::chrono::seconds window);

  // Counts one request for key and returns nullopt, or refuses it (counting nothing) and returns
  // how long to wait before the next one is admitted (at least one second).
  std::optional<std::chrono::seconds> admit(std::string_view key, Clock::time_point now);

 private:
  void forget_idle(Clock::time_point now);

  std::chrono::milliseconds interval_{0};   // window / limit
  std::chrono::milliseconds tolerance_{0};  // window - interval: the burst
  bool enabled_ = false;
  std::mutex mutex_;
  std::unordered_map<std::string, Clock::time_point> due_;
};

// Booking attempts limited per client address and per contact (each of the request's e-mail and
// phone); the caller passes the contact keys already normalised.
class BookingRateLimits {
 public:
  BookingRateLimits(int per_client, int per_contact, std::chrono::seconds window)
      : per_client_(per_client, window), per_contact_(per_contact, window) {}
  std::optional<std::chrono::seconds> admit(std::string_view client, const std::vector<std::string>& contacts,
                                            RateLimiter::Clock::time_point now);

 private:
  RateLimiter per_client_;
  RateLimiter per_contact_;
};

}  // namespace amt::http
