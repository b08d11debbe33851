// The event-stream format, subscriptions and the hub with its one heartbeat thread.
#include "http/event_stream.hpp"

#include <algorithm>

namespace amt::http {

namespace {

void append_field_line(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
  out += '\n';
}

}  // namespace

std::string encode_event(const ServerSentEvent& event) {
  std::string out;
  out.reserve(event.data.size() + event.id.size() + event.event.size() + 32);
  if (!event.id.empty()) append_field_line(out, "id", event.id);
  if (!event.event.empty()) append_field_line(out, "event", event.event);
  std::string_view rest = event.data;
  while (true) {
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "data: ";
    out += line;
    out += '\n';
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  out += '\n';
  return out;
}

EventSubscription::EventSubscription(std::shared_ptr<std::atomic<std::size_t>> open_count)
    : open_count_(std::move(open_count)) {
  open_count_->fetch_add(1);
}

EventSubscription::~EventSubscription() { open_count_->fetch_sub(1); }

void EventSubscription::attach(Sink sink) {
  const std::lock_guard lock(mutex_);
  if (detached_) return;
  for (const auto& bytes : waiting_) sink(bytes);
  waiting_.clear();
  sink_ = std::move(sink);
}

void EventSubscription::detach() {
  const std::lock_guard lock(mutex_);
  detached_ = true;
  sink_ = nullptr;
  waiting_.clear();
}

void EventSubscription::deliver(const EventBytes& bytes) {
  const std::lock_guard lock(mutex_);
  if (detached_) return;
  if (sink_) return sink_(bytes);
  if (waiting_.size() < max_waiting) waiting_.push_back(bytes);
}

bool EventSubscription::attached() const {
  const std::lock_guard lock(mutex_);
  return static_cast<bool>(sink_);
}

EventHub::EventHub(Options options)
    : options_(options), open_count_(std::make_shared<std::atomic<std::size_t>>(0)), beat_thread_([this] { beat(); }) {}

EventHub::~EventHub() { stop(); }

void EventHub::stop() {
  {
    const std::lock_guard lock(beat_mutex_);
    stop_ = true;
  }
  beat_wake_.notify_all();
  if (beat_thread_.joinable()) beat_thread_.join();
}

std::shared_ptr<EventSubscription> EventHub::subscribe(const std::string& topic) {
  if (open_count_->load() >= options_.max_streams) return nullptr;
  auto subscription = std::make_shared<EventSubscription>(open_count_);
  const std::lock_guard lock(mutex_);
  auto& list = topics_[topic];
  // Forget subscribers whose connections ended, so a topic's list stays as long as its audience.
  std::erase_if(list, [](const auto& weak) { return weak.expired(); });
  list.push_back(subscription);
  return subscription;
}

void EventHub::publish(const std::string& topic, const ServerSentEvent& event) {
  const auto bytes = std::make_shared<const std::string>(encode_event(event));
  std::vector<std::shared_ptr<EventSubscription>> targets;
  {
    const std::lock_guard lock(mutex_);
    const auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    std::erase_if(it->second, [](const auto& weak) { return weak.expired(); });
    for (const auto& weak : it->second) {
      if (auto s = weak.lock()) targets.push_back(std::move(s));
    }
  }
  // Delivered outside the hub's lock: a sink only posts to its connection, but need not wait for us.
  for (const auto& s : targets) s->deliver(bytes);
}

std::size_t EventHub::subscribers(const std::string& topic) {
  const std::lock_guard lock(mutex_);
  const auto it = topics_.find(topic);
  if (it == topics_.end()) return 0;
  return static_cast<std::size_t>(
      std::count_if(it->second.begin(), it->second.end(), [](const auto& weak) { return !weak.expired(); }));
}

void EventHub::send_to_all(const EventBytes& bytes) {
  std::vector<std::shared_ptr<EventSubscription>> targets;
  {
    const std::lock_guard lock(mutex_);
    for (auto it = topics_.begin(); it != topics_.end();) {
      std::erase_if(it->second, [](const auto& weak) { return weak.expired(); });
      for (const auto& weak : it->second) {
        if (auto s = weak.lock()) targets.push_back(std::move(s));
      }
      it = it->second.empty() ? topics_.erase(it) : std::next(it);
    }
  }
  for (const auto& s : targets) s->deliver(bytes);
}

// One thread for all streams: a heartbeat costs one small write per connection, no timer each.
void EventHub::beat() {
  const auto bytes = std::make_shared<const std::string>(heartbeat_comment);
  std::unique_lock lock(beat_mutex_);
  while (!beat_wake_.wait_for(lock, options_.heartbeat, [this] { return stop_; })) {
    lock.unlock();
    send_to_all(bytes);
    lock.lock();
  }
}

Response event_stream_response(EventStream stream) {
  Response response;
  response.status = 200;
  response.set("Content-Type", "text/event-stream; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.set("X-Accel-Buffering", "no");  // nginx: pass events on at once
  response.body = std::move(stream.initial);
  response.stream = std::make_shared<EventStream>(EventStream{std::move(stream.subscription), {}});
  return response;
}

std::string last_event_id(const Request& request) {
  const auto header = request.header("last-event-id");
  if (!header.empty()) return std::string(header);
  return request.query_param("last_event_id").value_or("");
}

}  // namespace amt::http
