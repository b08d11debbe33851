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

AvailabilityCache::Body AvailabilityCache::find_or_compute(const std::string& key, Stamp stamp,
                                                           const std::function<Body()>& compute) {
  const std::string flight = key + '\x1e' + std::to_string(stamp.data_version) + '\x1e' +
                             std::to_string(stamp.catalog_version) + '\x1e' + std::to_string(stamp.minute);
  std::promise<Body> mine;
  std::shared_future<Body> theirs;
  {
    std::lock_guard lock(mutex_);
    if (stamp_ == stamp)
      if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    if (auto it = computing_.find(flight); it != computing_.end())
      theirs = it->second;
    else
      computing_.emplace(flight, mine.get_future().share());
  }
  if (theirs.valid()) {
    if (Body body = theirs.get()) return body;
    return compute();
  }
  Body body;
  try {
    body = compute();
  } catch (...) {
    mine.set_value(nullptr);  // the others compute for themselves
    std::lock_guard lock(mutex_);
    computing_.erase(flight);
    throw;
  }
  if (body) put(key, stamp, body);
  mine.set_value(body);
  std::lock_guard lock(mutex_);
  computing_.erase(flight);
  return body;
}

}  // namespace amt::api
