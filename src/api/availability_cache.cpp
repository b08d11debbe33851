// A small cache that forgets everything when its stamp changes.
#include "api/availability_cache.hpp"

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

}  // namespace amt::api
