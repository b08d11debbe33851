// Builds and swaps catalog snapshots.
#include "app/catalog_snapshot.hpp"

namespace amt::app {

const Planner* CatalogSnapshot::planner(const Id& location_id) const {
  auto it = planners.find(location_id);
  return it == planners.end() ? nullptr : &it->second;
}

void CatalogHolder::reload() {
  auto next = std::make_shared<CatalogSnapshot>();
  next->catalog = store_.load_catalog();
  for (const Location& l : next->catalog.locations) next->planners.emplace(l.id, Planner(next->catalog, l.id, held_back_minutes_));
  std::lock_guard lock(mutex_);
  current_ = std::move(next);
}

std::shared_ptr<const CatalogSnapshot> CatalogHolder::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace amt::app
