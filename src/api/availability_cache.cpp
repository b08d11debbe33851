// A small cache that forgets everything when its stamp changes.
#include "api/availability_cache.hpp"

#include <string>
#include <tuple>

namespace amt::api {

AvailabilityCache::Body AvailabilityCache::find(const std::string& key, Stamp now) const {
  std::lock_guard lock(mutex_);
  if (!(stamp_ == now)) return nullptr;
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  return it->second;
}

void AvailabilityCache::put(const std::string& key, Stamp stamp, Body body) {
  std::lock_guard lock(mutex_);
  if (!(stamp_ == stamp)) {
    // Only a newer stamp may replace the cache; a late answer from an older one is dropped.
    if (std::tie(stamp.data_version, stamp.catalog_version, stamp.minute) <
        std::tie(stamp_.data_version, stamp_.catalog_version, stamp_.minute))
      return;
    entries_.clear();
    stamp_ = stamp;
  }
  if (entries_.size() >= max_entries) entries_.clear();
  entries_[key] = std::move(body);
}

namespace {

// An answer computed under `answer` is good for a request stamped `request`: nothing it depends on
// is older (every part of a stamp only grows).
bool covers(const AvailabilityCache::Stamp& answer, const AvailabilityCache::Stamp& request) {
  return answer.data_version >= request.data_version && answer.catalog_version >= request.catalog_version &&
         answer.minute >= request.minute;
}

}  // namespace

AvailabilityCache::Body AvailabilityCache::find_or_compute(const std::string& key, Stamp stamp,
                                                           const std::function<Body()>& compute) {
  for (;;) {
    std::promise<Body> mine;
    std::shared_future<Body> theirs;
    bool theirs_covers = false;
    {
      std::lock_guard lock(mutex_);
      if (stamp_ == stamp)
        if (auto it = entries_.find(key); it != entries_.end()) return it->second;
      if (auto it = computing_.find(key); it != computing_.end()) {
        theirs = it->second.answer;
        theirs_covers = covers(it->second.stamp, stamp);
      } else {
        computing_.emplace(key, Flight{stamp, mine.get_future().share()});
      }
    }
    if (!theirs.valid()) return compute_for_all(key, stamp, mine, compute);
    Body body = theirs.get();
    if (!theirs_covers) continue;  // computed from older data: ask again now that it is done
    if (body) return body;
    return compute();
  }
}

AvailabilityCache::Body AvailabilityCache::compute_for_all(const std::string& key, Stamp stamp,
                                                           std::promise<Body>& mine,
                                                           const std::function<Body()>& compute) {
  Body body;
  try {
    body = compute();
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      computing_.erase(key);
    }
    mine.set_value(nullptr);  // the others compute for themselves
    throw;
  }
  if (body) put(key, stamp, body);
  {
    std::lock_guard lock(mutex_);
    computing_.erase(key);
  }
  mine.set_value(body);
  return body;
}

}  // namespace amt::api
