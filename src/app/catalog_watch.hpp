// Keeps a server's catalog current when the reference data is changed elsewhere: on another
// server against the same PostgreSQL, or by `amtstermin import-staff` next to a running server.
// One small read per interval; the server's own admin changes reload at once without it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/catalog_snapshot.hpp"

namespace amt::app {

class CatalogWatch {
 public:
  CatalogWatch(CatalogHolder& catalogs, std::chrono::milliseconds interval);  // the thread stops with it
  CatalogWatch(const CatalogWatch&) = delete;
  CatalogWatch& operator=(const CatalogWatch&) = delete;

 private:
  void run(std::stop_token stop);

  CatalogHolder& catalogs_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace amt::app
