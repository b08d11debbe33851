// Builds and swaps catalog snapshots.
#include "app/catalog_snapshot.hpp"

namespace amt::app {

const Planner* CatalogSnapshot::planner(const Id& location_id) const {
  auto it = planners.find(location_id);
  return it == planners.end() ? nullptr : &it->second;
}

void CatalogHolder::reload() {
  auto next = std::make_shared<CatalogSnapshot>();
  // The version first: a change committed between the two reads then only causes one more reload,
  // never a snapshot that claims to be newer than it is.
  next->version = store_.catalog_version();
  next->catalog = store_.load_catalog();
  for (const Location& l : next->catalog.locations) next->planners.emplace(l.id, Planner(next->catalog, l.id, held_back_minutes_));
  std::lock_guard lock(mutex_);
  if (current_ && current_->version > next->version) return;  // a concurrent reload read a newer one
  current_ = std::move(next);
}

bool CatalogHolder::refresh() {
  if (store_.catalog_version() == current()->version) return false;
  reload();
  return true;
}

std::shared_ptr<const CatalogSnapshot> CatalogHolder::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace amt::app
