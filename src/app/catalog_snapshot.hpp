// The reference data and one prepared Planner per location, as one immutable snapshot. Requests
// take the current snapshot; an admin change builds a new one and swaps it in, and a change made by
// another server or process is picked up by refresh() (CatalogWatch calls it every second).
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "core/availability.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace amt::app {

struct CatalogSnapshot {
  Catalog catalog;
  std::int64_t version = 0;  // the store's catalog_version it was read at
  std::map<Id, Planner> planners;  // by location id

  const Planner* planner(const Id& location_id) const;
};

class CatalogHolder {
 public:
  // held_back_minutes: the emergency reserve per location and day ([emergency] minutes_per_day).
  explicit CatalogHolder(store::Store& store, int held_back_minutes = 0)
      : store_(store), held_back_minutes_(held_back_minutes) {
    reload();
  }
  void reload();  // reads the catalog from the store and prepares planners
  // Reloads when the store's catalog changed since the current snapshot was read; true if it did.
  bool refresh();
  std::shared_ptr<const CatalogSnapshot> current() const;
  int held_back_minutes() const { return held_back_minutes_; }

 private:
  store::Store& store_;
  int held_back_minutes_;
  mutable std::mutex mutex_;
  std::shared_ptr<const CatalogSnapshot> current_;
};

}  // namespace amt::app
