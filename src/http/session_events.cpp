// The event-stream phase of a connection: once the head is out it only writes the events its
// subscription delivers, watches for the client to go away, and closes on shutdown. No timer per
// connection: a write stuck longer than write_timeout is noticed when the next event or heartbeat comes.
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "http/session.hpp"

namespace amt::http {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {
constexpr std::size_t peer_read_bytes = 512;
constexpr std::size_t max_peer_bytes = 64 * 1024;     // a stream's client has nothing to say
constexpr std::size_t max_queued_bytes = 256 * 1024;  // a reader this far behind is dropped
}  // namespace

void Session::begin_events() {
  phase_ = Phase::streaming;
  stream_.expires_never();
  buffer_.clear();
  if (!events_->subscription) return end_events(false);
  std::weak_ptr<Session> weak = weak_from_this();
  events_->subscription->attach([weak](const EventBytes& bytes) {
    auto self = weak.lock();
    if (!self) return;
    net::post(self->executor(), [self, bytes] { self->queue_event(bytes); });
  });
  watch_peer(0);
}

// A pending read tells at once when the client closes; what it sends is thrown away.
void Session::watch_peer(std::size_t received) {
  if (received > max_peer_bytes) return end_events(false);
  stream_.async_read_some(buffer_.prepare(peer_read_bytes),
                          [self = shared_from_this(), received](beast::error_code ec, std::size_t n) {
                            if (ec) return self->end_events(false);
                            self->buffer_.consume(self->buffer_.size());
                            self->watch_peer(received + n);
                          });
}

void Session::queue_event(const EventBytes& bytes) {
  if (phase_ != Phase::streaming) return;
  const bool stuck = event_writing_ && Clock::now() - event_write_started_ > state_.options.write_timeout;
  if (stuck || queued_bytes_ + bytes->size() > max_queued_bytes) return end_events(false);
  event_queue_.push_back(bytes);
  queued_bytes_ += bytes->size();
  if (!event_writing_) write_events();
}

// Everything queued goes out in one write.
void Session::write_events() {
  if (event_queue_.empty()) {
    event_writing_ = false;
    if (stopping_ || state_.stopping.load()) end_events(true);
    return;
  }
  event_writing_ = true;
  event_write_started_ = Clock::now();
  event_inflight_.assign(event_queue_.begin(), event_queue_.end());
  event_queue_.clear();
  queued_bytes_ = 0;
  std::vector<net::const_buffer> buffers;
  buffers.reserve(event_inflight_.size());
  for (const auto& bytes : event_inflight_) buffers.emplace_back(net::buffer(*bytes));
  net::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->event_inflight_.clear();
    if (ec) return self->end_events(false);
    self->write_events();
  });
}

// graceful (server shutdown): waits for the write in progress, then sends FIN before closing, so
// the client reads every event and reconnects. Otherwise (client gone, too slow): close at once.
void Session::end_events(bool graceful) {
  if (phase_ != Phase::streaming) return;
  if (events_) events_->subscription->detach();
  event_queue_.clear();
  queued_bytes_ = 0;
  if (graceful && event_writing_) return;  // write_events comes back here when the write is done
  phase_ = Phase::closing;
  beast::error_code ec;
  if (graceful) stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

}  // namespace amt::http
