// The call feed: one thread per server watches the store's data version (on PostgreSQL it moves
// within milliseconds of another server's commit, through LISTEN/NOTIFY) and re-reads today's calls
// of the locations someone is watching; what is new is published in commit order.
#include "app/call_feed.hpp"

#include <algorithm>
#include <charconv>

#include "app/ticket_day.hpp"

namespace amt::app {

namespace {

struct EventKey {
  std::int64_t seconds = 0;
  std::string_view number;
};

std::optional<EventKey> parse_key(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  EventKey key;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + dash, key.seconds);
  if (ec != std::errc{} || end != id.data() + dash) return std::nullopt;
  key.number = id.substr(dash + 1);
  return key;
}

bool newest_first(const DisplayCall& a, const DisplayCall& b) {
  if (a.at != b.at) return a.at > b.at;
  return a.number > b.number;
}

}  // namespace

std::string DisplayCall::id() const { return std::to_string(at.time_since_epoch().count()) + "-" + number; }

bool called_after(const DisplayCall& c, std::string_view last) {
  const auto key = parse_key(last);
  if (!key) return true;  // unknown or foreign id: the client knows nothing of today
  const auto seconds = c.at.time_since_epoch().count();
  return seconds > key->seconds || (seconds == key->seconds && c.number != key->number);
}

CallFeed::CallFeed(store::Store& store, CatalogHolder& catalogs, const Clock& clock, Publish publish,
                   Audience audience, Options options)
    : store_(store),
      catalogs_(catalogs),
      clock_(clock),
      publish_(std::move(publish)),
      audience_(std::move(audience)),
      options_(options),
      thread_([this] { run(); }) {}

CallFeed::~CallFeed() { stop(); }

void CallFeed::stop() {
  {
    const std::lock_guard lock(wake_mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<LocalDate> CallFeed::today(const Id& location_id) const {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return std::nullopt;
  return local_date(zone(location->time_zone), clock_.now());
}

std::string queue_stamp(const std::vector<Ticket>& today) {
  std::string all;
  for (const Ticket& t : today) {
    all += t.id + '|' + std::to_string(static_cast<int>(t.status)) + '|' + t.staff_id + '|' + t.room + '|' +
           std::to_string(t.called_at ? t.called_at->time_since_epoch().count() : 0) + ';';
  }
  // Not a secret, only a change detector: the ticket count keeps equal hashes of different days apart.
  return std::to_string(today.size()) + "-" + std::to_string(std::hash<std::string>{}(all));
}

void CallFeed::on_queue_change(QueueChanged queue_changed) {
  const std::lock_guard lock(mutex_);
  queue_changed_ = std::move(queue_changed);
}

CallList CallFeed::read(const Id& location_id) const { return read_day(location_id).calls; }

CallFeed::DayRead CallFeed::read_day(const Id& location_id) const {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  if (location == nullptr) return {};
  const Zone z = zone(location->time_zone);
  const Instant now = clock_.now();
  const auto tickets = of_day(store_.tickets(location_id, now - ticket_window, now + ticket_window), local_date(z, now));
  DayRead out{{}, queue_stamp(tickets)};
  CallList& calls = out.calls;
  for (const Ticket& t : tickets) {
    if (!t.called_at || t.room.empty()) continue;
    const auto local = to_local(z, *t.called_at);
    const auto minutes = std::chrono::floor<std::chrono::minutes>(local - std::chrono::floor<date::days>(local));
    calls.push_back({t.number, t.room, *t.called_at, format_time({static_cast<int>(minutes.count())})});
  }
  std::sort(calls.begin(), calls.end(), newest_first);
  if (calls.size() > options_.keep) calls.resize(options_.keep);
  return out;
}

// Under mutex_.
void CallFeed::note_queue(const Id& location_id, Followed& followed, const std::string& stamp, bool publish) {
  if (followed.queue_stamp == stamp) return;
  followed.queue_stamp = stamp;
  if (publish && queue_changed_) queue_changed_(location_id, stamp);
}

CallList CallFeed::recent(const Followed& followed) const {
  std::vector<const Seen*> seen;
  for (const auto& [number, entry] : followed.by_number) seen.push_back(&entry);
  std::sort(seen.begin(), seen.end(), [](const Seen* a, const Seen* b) {
    if (a->call.at != b->call.at) return a->call.at > b->call.at;
    return a->order > b->order;
  });
  CallList calls;
  for (const Seen* entry : seen) {
    if (calls.size() == options_.keep) break;
    calls.push_back(entry->call);
  }
  return calls;
}

bool CallFeed::open(const Id& location_id, const std::function<void(const CallList&)>& subscribe) {
  const auto day = today(location_id);
  if (!day) return false;
  {
    const std::lock_guard lock(mutex_);
    const auto it = followed_.find(location_id);
    if (it != followed_.end() && it->second.day == *day) {
      subscribe(recent(it->second));
      return true;
    }
  }
  const DayRead fresh = read_day(location_id);  // outside the lock: the store may take a moment
  const std::lock_guard lock(mutex_);
  auto [it, added] = followed_.try_emplace(location_id);
  // Only a location nobody followed starts from this read. A followed one keeps its state: what
  // it lacks, the feed thread publishes to everyone, this subscriber included.
  if (added || it->second.day != *day) {
    it->second = Followed{*day, {}, 0, {}};
    merge(location_id, it->second, fresh.calls, false);
    note_queue(location_id, it->second, fresh.stamp, false);
  }
  subscribe(recent(it->second));
  return true;
}

// Under mutex_. Calls the store has that the display has not seen (new, or a recall with a later
// time or another room) are kept and, when publish, sent out oldest first.
void CallFeed::merge(const Id& location_id, Followed& followed, const CallList& fresh, bool publish) {
  for (auto it = fresh.rbegin(); it != fresh.rend(); ++it) {
    auto& known = followed.by_number[it->number];
    if (known.call.number == it->number && known.call.at >= it->at && known.call.room == it->room) continue;
    known = {*it, ++followed.seen};
    if (publish) publish_(location_id, *it, recent(followed));
  }
  // Only the newest calls matter to a display; a store read returns no more than `keep` either.
  if (followed.by_number.size() <= 4 * options_.keep) return;
  std::map<std::string, Seen> kept;
  for (const auto& c : recent(followed)) kept.emplace(c.number, followed.by_number.at(c.number));
  followed.by_number = std::move(kept);
}

void CallFeed::refresh() {
  std::vector<Id> locations;
  {
    const std::lock_guard lock(mutex_);
    for (auto it = followed_.begin(); it != followed_.end();) {
      if (audience_ && !audience_(it->first)) {
        it = followed_.erase(it);  // read afresh when someone opens it again
        continue;
      }
      locations.push_back(it->first);
      ++it;
    }
  }
  for (const auto& location_id : locations) {
    const auto day = today(location_id);
    if (!day) continue;
    const DayRead fresh = read_day(location_id);
    const std::lock_guard lock(mutex_);
    auto it = followed_.find(location_id);
    if (it == followed_.end()) continue;
    // A new day starts empty; the first call of the day is then published like any other.
    if (it->second.day != *day) it->second = Followed{*day, {}, 0, {}};
    merge(location_id, it->second, fresh.calls, true);
    note_queue(location_id, it->second, fresh.stamp, true);
  }
}

void CallFeed::run() {
  using SteadyClock = std::chrono::steady_clock;
  std::optional<std::uint64_t> seen_version;
  auto last_read = SteadyClock::now();
  std::unique_lock lock(wake_mutex_);
  while (!wake_.wait_for(lock, options_.poll, [this] { return stop_; })) {
    lock.unlock();
    const auto version = store_.data_version();
    const bool changed = !version || version != seen_version;
    const bool due = SteadyClock::now() - last_read >= options_.refresh;
    // Without a version (PostgreSQL watch reconnecting) only the regular read: the store is
    // likely unreachable, and reading it every poll would only add load.
    if ((changed && version) || due) {
      seen_version = version;
      last_read = SteadyClock::now();
      try {
        refresh();
      } catch (const std::exception&) {
        // Database away for a moment: the next round tries again; displays keep what they have.
      }
    }
    lock.lock();
  }
}

}  // namespace amt::app
