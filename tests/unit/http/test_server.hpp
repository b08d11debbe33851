// Test helpers for the http layer: a Server on a free port running in a thread, and a small Beast
// client whose reads give up after a time limit instead of hanging the test run.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "http/server.hpp"

namespace amt::http::testing {

namespace net = boost::asio;
namespace beast = boost::beast;

inline ServerOptions fast_options() {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.io_threads = 2;
  options.worker_threads = 2;
  options.read_timeout = std::chrono::seconds(1);
  options.idle_timeout = std::chrono::seconds(1);
  options.write_timeout = std::chrono::seconds(1);
  options.drain_timeout = std::chrono::seconds(3);
  options.access_log = false;
  return options;
}

// Owns a running server; stops it and waits for run() to return on destruction.
class RunningServer {
 public:
  RunningServer(const Router& router, Metrics& metrics, ServerOptions options = fast_options())
      : server_(std::move(options), router, metrics), thread_([this] { server_.run(false); }) {}
  ~RunningServer() { join(); }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  unsigned short port() const { return server_.port(); }
  Server& server() { return server_; }
  void join() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  Server server_;
  std::thread thread_;
};

using Reply = beast::http::response<beast::http::string_body>;

class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.connect(net::ip::tcp::endpoint(net::ip::address_v4::loopback(), port));
  }

  void send(std::string_view bytes) { net::write(stream_.socket(), net::buffer(bytes.data(), bytes.size())); }

  // Reads one response; ec tells why none came (timeout, end_of_stream, reset).
  Reply read(beast::error_code& ec, bool head = false, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    beast::http::response_parser<beast::http::string_body> parser;
    parser.skip(head);
    parser.body_limit(boost::none);
    stream_.expires_after(limit);
    beast::http::async_read(stream_, buffer_, parser, [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    return parser.release();
  }

  Reply read(bool head = false) {
    beast::error_code ec;
    auto reply = read(ec, head);
    if (ec) throw beast::system_error(ec);
    return reply;
  }

  // Waits until the server closes the connection; returns false if it stays open beyond limit.
  bool closed_within(std::chrono::milliseconds limit) {
    stream_.expires_after(limit);
    beast::error_code ec;
    char byte = 0;
    stream_.async_read_some(net::buffer(&byte, 1), [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    return ec == net::error::eof || ec == net::error::connection_reset;
  }

 private:
  void run() {
    ioc_.restart();
    ioc_.run();
  }

  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

inline std::string get_request(std::string_view target, std::string_view extra_headers = {}) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

}  // namespace amt::http::testing
