// What the server and its sessions share: options, router, metrics, the worker pool, the
// connection count and the registry of live sessions that shutdown walks. Internal to src/http.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace amt::http {

class Session;

struct ServerState {
  ServerState(ServerOptions o, const Router& r, Metrics& m) : options(std::move(o)), router(r), metrics(m) {}

  const ServerOptions options;
  const Router& router;
  Metrics& metrics;
  boost::asio::thread_pool* workers = nullptr;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};

  void add(const std::shared_ptr<Session>& session);
  // Called from ~Session; tells the server when the last connection of a shutdown is gone.
  void remove(const Session* session);
  std::vector<std::shared_ptr<Session>> live_sessions();
  void set_on_drained(std::function<void()> callback);

 private:
  std::mutex mutex_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
  std::function<void()> on_drained_;
};

}  // namespace amt::http
