// Listener, I/O threads and shutdown. Accepting, signals and the drain timer live on one control
// strand; each connection gets its own strand (see session.cpp).
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/listen.hpp"
#include "http/server_state.hpp"
#include "http/session.hpp"

namespace amt::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
constexpr std::string_view busy_response =
    "HTTP/1.1 503 Service Unavailable\r\nServer: amtstermin\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
    "Connection: close\r\n\r\n";
constexpr std::chrono::milliseconds accept_retry_delay{100};
}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : state(std::move(options), router, metrics),
        ioc(std::max(1, state.options.io_threads)),
        workers(static_cast<std::size_t>(std::max(1, state.options.worker_threads))),
        control(net::make_strand(ioc)),
        acceptor(control),
        drain_timer(control),
        retry_timer(control) {
    state.workers = &workers;
    state.set_on_drained([this] { net::post(control, [this] { drain_timer.cancel(); }); });
    const auto endpoint = resolve_listen(ioc, state.options.listen);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
    port = acceptor.local_endpoint().port();
  }

  ~Impl() {
    // Sessions that die while the members below are torn down must not post to a dead context.
    state.set_on_drained(nullptr);
    workers.join();
  }

  void accept() {
    if (shutting_down) return;
    acceptor.async_accept(net::make_strand(ioc), net::bind_executor(control, [this](auto ec, tcp::socket socket) {
                            on_accept(ec, std::move(socket));
                          }));
  }

  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (shutting_down || ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors or memory: wait a little instead of spinning on the error.
      spdlog::warn(R"({{"event":"accept_failed","error":"{}"}})", ec.message());
      retry_timer.expires_after(accept_retry_delay);
      retry_timer.async_wait([this](auto wait_ec) {
        if (!wait_ec) accept();
      });
      return;
    }
    if (state.connections.load() >= state.options.max_connections) {
      refuse(socket);
    } else {
      auto session = std::make_shared<Session>(std::move(socket), state);
      state.add(session);
      net::dispatch(session->executor(), [session] { session->start(); });
    }
    accept();
  }

  // Over the connection limit: a best-effort 503 without waiting for the client, then close.
  static void refuse(tcp::socket& socket) {
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(net::buffer(busy_response.data(), busy_response.size()), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  void begin_shutdown() {
    if (shutting_down) return;
    shutting_down = true;
    state.stopping.store(true);
    boost::system::error_code ec;
    acceptor.close(ec);
    retry_timer.cancel();
    if (signals) signals->cancel();
    for (auto& session : state.live_sessions()) {
      net::post(session->executor(), [session] { session->shutdown(); });
    }
    if (state.connections.load() == 0) return;
    drain_timer.expires_after(state.options.drain_timeout);
    drain_timer.async_wait([this](auto wait_ec) {
      if (wait_ec) return;  // cancelled: the last connection closed in time
      spdlog::warn(R"({{"event":"shutdown_drain_timeout","connections":{}}})", state.connections.load());
      ioc.stop();
    });
  }

  void run(bool handle_signals) {
    if (handle_signals) {
      signals.emplace(control, SIGINT, SIGTERM);
      signals->async_wait([this](auto ec, int signal) {
        if (ec) return;
        spdlog::info(R"({{"event":"signal","signal":{}}})", signal);
        begin_shutdown();
      });
    }
    net::post(control, [this] { accept(); });
    std::vector<std::thread> threads;
    for (int i = 1; i < state.options.io_threads; ++i) threads.emplace_back([this] { run_loop(); });
    run_loop();
    for (auto& thread : threads) thread.join();
  }

  void run_loop() {
    while (true) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error(R"({{"event":"io_thread_exception","what":"{}"}})", e.what());
      }
    }
  }

  ServerState state;  // first: sessions deregister from it while the members below are destroyed
  net::io_context ioc;
  net::thread_pool workers;
  net::strand<net::io_context::executor_type> control;
  tcp::acceptor acceptor;
  net::steady_timer drain_timer;
  net::steady_timer retry_timer;
  std::optional<net::signal_set> signals;
  bool shutting_down = false;  // on the control strand
  unsigned short port = 0;
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

unsigned short Server::port() const { return impl_->port; }

void Server::run(bool handle_signals) { impl_->run(handle_signals); }

void Server::stop() {
  net::post(impl_->control, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace amt::http
