// GCRA rate limiting with a bounded table: keys whose time has come are dropped when it grows.
#include "http/rate_limit.hpp"

namespace amt::http {

namespace {
constexpr std::size_t prune_above = 10000;
}

RateLimiter::RateLimiter(int limit, std::chrono::seconds window) : enabled_(limit > 0 && window.count() > 0) {
  if (!enabled_) return;
  interval_ = std::chrono::duration_cast<std::chrono::milliseconds>(window) / limit;
  tolerance_ = std::chrono::duration_cast<std::chrono::milliseconds>(window) - interval_;
}

std::optional<std::chrono::seconds> RateLimiter::admit(std::string_view key, Clock::time_point now) {
  if (!enabled_) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (due_.size() > prune_above) forget_idle(now);
  auto [it, inserted] = due_.try_emplace(std::string(key), now);
  const Clock::time_point due = std::max(it->second, now);
  if (due - now > tolerance_) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(due - now - tolerance_);
    return std::max(wait, std::chrono::seconds{1});
  }
  it->second = due + interval_;
  return std::nullopt;
}

void RateLimiter::forget_idle(Clock::time_point now) {
  std::erase_if(due_, [&](const auto& entry) { return entry.second <= now; });
}

std::optional<std::chrono::seconds> BookingRateLimits::admit(std::string_view client,
                                                             const std::vector<std::string>& contacts,
                                                             RateLimiter::Clock::time_point now) {
  if (auto wait = per_client_.admit(client, now)) return wait;
  for (const auto& contact : contacts)
    if (!contact.empty())
      if (auto wait = per_contact_.admit(contact, now)) return wait;
  return std::nullopt;
}

}  // namespace amt::http
