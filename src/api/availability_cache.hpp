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
  // The cached answer, or compute() run once for all who ask for key while it runs, its body
  // cached. At most one computation per key runs at a time: a request whose stamp is newer than
  // the one in flight waits for it and then computes (once, for all waiting with that stamp). The
  // cache empties on every write and every minute, and a burst of writes used to start a
  // computation per write beside the ones still running, each holding weeks of appointments: the
  // memory peak of issue #2. compute returns null for an answer that is not shared (an error):
  // then each caller computes.
  Body find_or_compute(const std::string& key, Stamp stamp, const std::function<Body()>& compute);

 private:
  struct Flight {
    Stamp stamp;  // what the answer computed is at least as new as
    std::shared_future<Body> answer;
  };
  Body compute_for_all(const std::string& key, Stamp stamp, std::promise<Body>& mine,
                       const std::function<Body()>& compute);

  static constexpr std::size_t max_entries = 4096;
  mutable std::mutex mutex_;
  Stamp stamp_{0, 0, 0};
  std::unordered_map<std::string, Body> entries_;
  std::unordered_map<std::string, Flight> computing_;  // key -> the one computation running for it
};

}  // namespace amt::api
