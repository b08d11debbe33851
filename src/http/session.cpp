// Connection state machine; every member runs on the connection's strand except the posted
// exchange, which runs on the worker pool and only touches immutable session data.
#include "http/session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "http/text.hpp"

namespace amt::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
constexpr std::size_t first_read_bytes = 4096;
// A form sent back to its page after a too large upload: the browser only shows the answer once it
// has sent everything, so we read that much (phone scans and videos included) for that long.
constexpr std::chrono::seconds upload_linger_time{30};
constexpr std::size_t upload_linger_bytes = 256 * 1024 * 1024;
constexpr std::string_view continue_100 = "HTTP/1.1 100 Continue\r\n\r\n";
}  // namespace

Session::Session(net::ip::tcp::socket socket, ServerState& state) : stream_(std::move(socket)), state_(state) {
  beast::error_code ec;
  stream_.socket().set_option(net::ip::tcp::no_delay(true), ec);
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

Session::~Session() { state_.remove(this); }

void Session::start() { wait_for_request(); }

void Session::shutdown() {
  stopping_ = true;
  // Only a connection waiting for its next request is closed now; one mid-request finishes it.
  if (phase_ == Phase::idle) stream_.cancel();
  if (phase_ == Phase::streaming) end_events(true);
}

// Waits for the first byte of the next request under the idle timeout, unless a pipelined
// request already sits in the buffer.
void Session::wait_for_request() {
  if (stopping_ || state_.stopping.load()) return close_gracefully();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(state_.options.max_header_bytes, UINT32_MAX)));
  // The limit depends on the target, so on_header checks a declared Content-Length and sets it;
  // the parser would refuse before the header is complete, leaving no target to answer by.
  parser_->body_limit(boost::none);
  if (buffer_.size() > 0) return read_header();

  phase_ = Phase::idle;
  stream_.expires_after(state_.options.idle_timeout);
  stream_.async_read_some(buffer_.prepare(first_read_bytes),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec) return;  // idle timeout, client gone, or shutdown: just close
                            self->buffer_.commit(n);
                            self->read_header();
                          });
}

// From the first byte on, the whole request must arrive within read_timeout (slowloris defence):
// the deadline is set once here and covers header and body reads together.
void Session::read_header() {
  phase_ = Phase::reading;
  stream_.expires_after(state_.options.read_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  if (parser_->is_done()) return dispatch_to_worker();
  const auto& message = parser_->get();
  const std::size_t limit = body_limit_for(message);
  const auto declared = parser_->content_length();
  if (declared && *declared > limit) return on_read_error(bhttp::error::body_limit);
  parser_->body_limit(limit);  // chunked bodies are counted as they come
  if (message.version() < 11 || !iequals(message[bhttp::field::expect], "100-continue")) return read_body();
  net::async_write(stream_, net::buffer(continue_100.data(), continue_100.size()),
                   [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                     if (write_ec) return;
                     self->read_body();
                   });
}

std::size_t Session::body_limit_for(const bhttp::request<bhttp::string_body>& message) const {
  const auto& o = state_.options;
  if (!o.allows_large_body) return o.max_body_bytes;
  const auto method = message.method_string();
  const auto target = message.target();
  const bool large = o.allows_large_body(std::string_view(method.data(), method.size()),
                                         std::string_view(target.data(), target.size()));
  return large ? std::max(o.max_body_bytes, o.large_body_bytes) : o.max_body_bytes;
}

void Session::read_body() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
}

void Session::on_body(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  dispatch_to_worker();
}

void Session::on_read_error(beast::error_code ec) {
  if (ec == bhttp::error::header_limit) return reject(431, "Request Header Fields Too Large", "The request headers are too large.");
  if (ec == bhttp::error::body_limit) return reject_too_large();
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return;  // client gone
  const auto& http_errors = bhttp::make_error_code(bhttp::error::bad_method).category();
  if (ec.category() == http_errors) return reject(400, "Bad Request", "The request is not valid HTTP/1.1.");
  // Timeouts (the stream has closed the socket already), resets and aborts: nothing to answer.
}

// Hands the request to the worker pool (unless the route's fast path answers it right here); the
// work guard keeps run() from returning while a handler runs, and the answer comes back through
// this connection's strand.
void Session::dispatch_to_worker() {
  phase_ = Phase::busy;
  stream_.expires_never();
  // Answers that never block (cached ones) are written from here, without two thread hand-offs.
  if (state_.router.has_fast_paths()) {
    if (auto outcome = fast_exchange(state_, parser_->get(), remote_, Clock::now())) return write(std::move(*outcome));
  }
  auto work = net::make_work_guard(stream_.get_executor());
  net::post(*state_.workers, [self = shared_from_this(), message = parser_->release(), work = std::move(work),
                              started = Clock::now()]() mutable {
    auto outcome = exchange(self->state_, std::move(message), self->remote_, started);
    net::post(self->stream_.get_executor(),
              [self, outcome = std::move(outcome)]() mutable { self->write(std::move(outcome)); });
  });
}

void Session::write(Outcome outcome) {
  events_ = std::move(outcome.wire.stream);
  const bool keep_alive = outcome.keep_alive && !stopping_ && !state_.stopping.load() && !events_;
  out_ = std::move(outcome.wire);
  finish_head(out_.head, keep_alive, outcome.http10);
  phase_ = Phase::busy;
  stream_.expires_after(state_.options.write_timeout);
  const std::array<net::const_buffer, 2> buffers{net::buffer(out_.head), net::buffer(out_.body_view().data(), out_.body_view().size())};
  net::async_write(stream_, buffers, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
    self->on_write(ec, keep_alive);
  });
}

void Session::on_write(beast::error_code ec, bool keep_alive) {
  if (ec) return;  // write timeout or client gone
  out_ = {};
  if (events_ && !stopping_ && !state_.stopping.load()) return begin_events();
  events_.reset();
  if (!keep_alive) return close_gracefully();
  wait_for_request();
}

// Answers errors the server detects itself (400, 413, 431) and closes: after them the stream
// position is unknown, so the connection cannot carry another request.
void Session::reject(int status, std::string_view title, std::string_view detail) {
  const auto started = Clock::now();
  std::string_view method;
  if (parser_->is_header_done()) method = parser_->get().method_string();
  Outcome outcome{to_wire(Response::problem(status, title, detail), false), false, false};
  record_request(state_, method, "invalid", status, started, outcome.wire.body_bytes, remote_);
  write(std::move(outcome));
}

void Session::reject_too_large() {
  const auto& redirect = state_.options.too_large_redirect;
  if (!redirect || !parser_->is_header_done()) return reject(413, "Content Too Large", "The request body is too large.");
  const auto& message = parser_->get();
  const auto method = message.method_string();
  const auto target = message.target();
  const auto location = redirect(std::string_view(method.data(), method.size()), std::string_view(target.data(), target.size()));
  if (!location) return reject(413, "Content Too Large", "The request body is too large.");
  Response response;
  response.status = 303;
  response.set("Location", *location);
  response.set("Cache-Control", "no-store");
  linger_time_ = upload_linger_time;
  linger_bytes_ = upload_linger_bytes;
  const auto started = Clock::now();
  Outcome outcome{to_wire(std::move(response), false), false, false};
  record_request(state_, std::string_view(method.data(), method.size()), "invalid", 303, started,
                 outcome.wire.body_bytes, remote_);
  write(std::move(outcome));
}

// Half-closes and reads what the client still sends before closing: closing with unread data
// makes the kernel send a reset, which can destroy the response before the client reads it.
void Session::close_gracefully() {
  phase_ = Phase::closing;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return;
  buffer_.clear();
  stream_.expires_after(linger_time_);
  drain(0);
}

void Session::drain(std::size_t drained) {
  if (drained > linger_bytes_) return;
  stream_.async_read_some(buffer_.prepare(first_read_bytes),
                          [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                            if (ec) return;
                            self->drain(drained + n);
                          });
}

}  // namespace amt::http
