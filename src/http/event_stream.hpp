// Server-sent events (text/event-stream): the wire format, the hub that publishers on any thread
// push events to, and the subscription a long-lived response writes from (see session_events.cpp).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/message.hpp"

namespace amt::http {

struct ServerSentEvent {
  std::string event;  // type; empty means the browser's default "message"
  std::string data;   // may hold newlines: each line becomes its own data: field
  std::string id;     // empty: no id field (the client keeps its last one)
};

using EventBytes = std::shared_ptr<const std::string>;

// "id: ...\nevent: ...\ndata: ...\n\n"; CR and LF inside id and event are dropped, since they
// would end the field early.
std::string encode_event(const ServerSentEvent& event);
// A comment line: browsers ignore it, proxies and the client see traffic on an idle stream.
inline constexpr std::string_view heartbeat_comment = ": keep-alive\n\n";

// One connection's end of a topic. A route handler opens it before reading the state it sends
// first, so nothing published in between is lost: until the session attaches, events wait here.
class EventSubscription {
 public:
  using Sink = std::function<void(const EventBytes&)>;
  explicit EventSubscription(std::shared_ptr<std::atomic<std::size_t>> open_count);
  ~EventSubscription();
  EventSubscription(const EventSubscription&) = delete;
  EventSubscription& operator=(const EventSubscription&) = delete;

  // The session: delivers what waited, then every later event, on the publisher's thread.
  void attach(Sink sink);
  void detach();  // nothing is delivered after it returns
  void deliver(const EventBytes& bytes);
  bool attached() const;

 private:
  static constexpr std::size_t max_waiting = 64;  // a handler that never returns must not pile up events
  mutable std::mutex mutex_;
  Sink sink_;
  std::vector<EventBytes> waiting_;
  bool detached_ = false;
  std::shared_ptr<std::atomic<std::size_t>> open_count_;
};

// What a handler returns to turn its response into an event stream (Response::stream).
struct EventStream {
  std::shared_ptr<EventSubscription> subscription;
  std::string initial;  // encoded events written right after the head
};

// Topics (for example "calls:mainz") with their subscribers. Publishing only queues bytes on each
// subscriber's connection; one thread sends the heartbeat comment to every stream.
class EventHub {
 public:
  struct Options {
    std::size_t max_streams = 4000;         // beyond it new streams get 503 (normal requests are unaffected)
    std::chrono::milliseconds heartbeat{15000};
  };

  EventHub() : EventHub(Options{}) {}
  explicit EventHub(Options options);
  ~EventHub();  // stops the heartbeat thread
  void stop();  // the same, earlier (idempotent)
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Null when max_streams streams are open.
  std::shared_ptr<EventSubscription> subscribe(const std::string& topic);
  void publish(const std::string& topic, const ServerSentEvent& event);
  std::size_t open_streams() const { return open_count_->load(); }
  std::size_t subscribers(const std::string& topic);

 private:
  void send_to_all(const EventBytes& bytes);
  void beat();

  const Options options_;
  std::shared_ptr<std::atomic<std::size_t>> open_count_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::weak_ptr<EventSubscription>>, std::less<>> topics_;
  std::mutex beat_mutex_;
  std::condition_variable beat_wake_;
  bool stop_ = false;
  std::thread beat_thread_;  // last: starts after everything it uses
};

// 200 text/event-stream (no caching, no proxy buffering) that keeps the connection for `stream`.
Response event_stream_response(EventStream stream);
// The Last-Event-ID a reconnecting EventSource sends (or the last_event_id query parameter, for
// clients that cannot set headers); empty when there is none.
std::string last_event_id(const Request& request);

}  // namespace amt::http
