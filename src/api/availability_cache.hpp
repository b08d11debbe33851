// Rendered availability answers, kept until the next committed write, the next catalog change (on
// any server) or the next minute (the lead time moves with the clock). Popular queries are then answered without touching the database.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace amt::api {

class AvailabilityCache {
 public:
  struct Stamp {
    std::uint64_t data_version;
    std::int64_t catalog_version;  // of the catalog snapshot the answers come from
    std::int64_t minute;
    bool operator==(const Stamp&) const = default;
  };

  using Body = std::shared_ptr<const std::string>;  // shared with the responses, never copied

  Body find(const std::string& key, Stamp now) const;  // null when absent or stale
  // stamp: taken before the answer was computed, so a write that raced it makes the entry stale.
  void put(const std::string& key, Stamp stamp, Body body);
  // The cached answer, or compute() run once for all who ask for key and stamp while it runs, its
  // body cached. The cache empties on every write and every minute; before, every request in
  // flight at that moment computed the same answer again, each holding weeks of appointments.
  // compute returns null for an answer that is not shared (an error): then each caller computes.
  Body find_or_compute(const std::string& key, Stamp stamp, const std::function<Body()>& compute);

 private:
  static constexpr std::size_t max_entries = 4096;
  mutable std::mutex mutex_;
  Stamp stamp_{0, 0, 0};
  std::unordered_map<std::string, Body> entries_;
  std::unordered_map<std::string, std::shared_future<Body>> computing_;  // key and stamp -> answer
};

}  // namespace amt::api
