// Prometheus text-format metrics: requests by route and status, a latency histogram, and named
// counters and gauges the layers above register (bookings, ...). Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace amt::http {

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> duration_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,    0.25,  0.5,    1.0,   2.5,   5.0};

  // route should be a route pattern (bounded set), never a raw path; method is folded to a
  // known method or "OTHER" so clients cannot grow the label set.
  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  // A counter the caller increments; the reference stays valid for the Metrics' lifetime.
  // Registering a name twice returns the same counter. Names must match [a-zA-Z_:][a-zA-Z0-9_:]*.
  std::atomic<std::uint64_t>& counter(const std::string& name, const std::string& help);
  // A gauge read at scrape time (outside the lock-free request path, so it may take locks).
  void gauge(const std::string& name, const std::string& help, std::function<double()> read);
  std::string render() const;  // text/plain; version=0.0.4

  static constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Histogram {
    std::array<std::uint64_t, duration_buckets.size() + 1> buckets{};  // non-cumulative; last is +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  using RequestKey = std::tuple<std::string, std::string, int>;  // route, method, status

  mutable std::mutex mutex_;
  std::map<RequestKey, std::uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> durations_;  // by route
  std::map<std::string, std::pair<std::string, std::unique_ptr<std::atomic<std::uint64_t>>>> counters_;
  std::map<std::string, std::pair<std::string, std::function<double()>>> gauges_;
};

}  // namespace amt::http
