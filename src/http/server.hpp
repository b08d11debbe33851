// The HTTP/1.1 server on Boost.Beast: a few I/O threads own the sockets and never block; handlers
// run on a separate worker pool. Keep-alive, header and body limits, read and idle timeouts,
// graceful shutdown (requests in flight finish), access log, request metrics.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace amt::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  int io_threads = 2;
  int worker_threads = 8;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Requests that allows_large_body picks by method and target (e.g. file uploads) may send up to
  // large_body_bytes; all others keep max_body_bytes. Unset: max_body_bytes everywhere.
  std::size_t large_body_bytes = 0;
  std::function<bool(std::string_view method, std::string_view target)> allows_large_body;
  // A browser's form that sent more than its limit is better answered with its page than with the
  // 413 problem: where this gives an address for the method and target, the answer is a 303 to it,
  // and the rest of the body is read and dropped so that the browser gets to see that answer.
  std::function<std::optional<std::string>(std::string_view method, std::string_view target)> too_large_redirect;
  std::chrono::seconds read_timeout{15};   // to receive one whole request once it started
  std::chrono::seconds idle_timeout{30};   // keep-alive connection without a request
  std::chrono::seconds write_timeout{15};  // to write one response to a client that reads slowly
  std::chrono::seconds drain_timeout{10};  // on stop: how long requests in flight may still take
  std::size_t max_connections = 10000;     // beyond it new connections get a 503 and are closed
  bool access_log = true;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();

  unsigned short port() const;  // the bound port (useful with port 0)
  // Serves until stop() or SIGTERM/SIGINT when handle_signals; returns after a graceful drain.
  void run(bool handle_signals = true);
  void stop();  // thread-safe; stops accepting, lets requests in flight finish, then returns from run()

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace amt::http
