// One HTTP/1.1 connection: read a request (idle timeout until its first byte, then read timeout for
// the whole request), run the handler on the worker pool (a route's non-blocking fast path runs
// here), write the response on this connection's
// strand, then read the next one. One request at a time, so pipelined requests queue in the buffer.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "http/event_stream.hpp"
#include "http/exchange.hpp"
#include "http/server_state.hpp"

namespace amt::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, ServerState& state);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  boost::beast::tcp_stream::executor_type executor() { return stream_.get_executor(); }
  void start();     // on the strand
  void shutdown();  // on the strand: close when idle, otherwise finish the request and close

 private:
  enum class Phase { idle, reading, busy, streaming, closing };

  void wait_for_request();
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void dispatch_to_worker();
  void write(Outcome outcome);
  void on_write(boost::beast::error_code ec, bool keep_alive);
  void reject(int status, std::string_view title, std::string_view detail);
  void reject_too_large();
  std::size_t body_limit_for(const boost::beast::http::request<boost::beast::http::string_body>& message) const;
  void close_gracefully();
  void drain(std::size_t drained);
  // Event streams (session_events.cpp): after the head the connection only writes events.
  void begin_events();
  void watch_peer(std::size_t received);
  void queue_event(const EventBytes& bytes);
  void write_events();
  void end_events(bool graceful);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  ServerState& state_;
  std::string remote_;
  Phase phase_ = Phase::idle;
  // Before closing, how long and how much we read of what the client still sends: closing with
  // unread data makes the kernel send a reset, which can destroy the answer before it is read.
  std::chrono::seconds linger_time_{2};
  std::size_t linger_bytes_ = 1024 * 1024;
  bool stopping_ = false;
  WireResponse out_;  // owns the bytes of the write in progress
  std::shared_ptr<EventStream> events_;  // set while this connection is (becoming) an event stream
  std::deque<EventBytes> event_queue_;   // events waiting for the write in progress
  std::vector<EventBytes> event_inflight_;
  std::size_t queued_bytes_ = 0;
  bool event_writing_ = false;
  Clock::time_point event_write_started_{};
};

}  // namespace amt::http
