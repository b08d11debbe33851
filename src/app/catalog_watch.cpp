// The catalog watch's thread (see catalog_watch.hpp).
#include "app/catalog_watch.hpp"

#include <spdlog/spdlog.h>

namespace amt::app {

CatalogWatch::CatalogWatch(CatalogHolder& catalogs, std::chrono::milliseconds interval)
    : catalogs_(catalogs), interval_(interval), thread_([this](std::stop_token stop) { run(stop); }) {}

void CatalogWatch::run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, stop, interval_, [] { return false; });  // the stop request wakes it early
    if (stop.stop_requested()) return;
    try {
      if (catalogs_.refresh()) spdlog::info("the reference data changed; catalog reloaded");
    } catch (const std::exception& e) {
      // The database may be away for a moment; requests keep the last good catalog meanwhile.
      spdlog::warn("could not check the catalog for changes: {}", e.what());
    }
  }
}

}  // namespace amt::app
