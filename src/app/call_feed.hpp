// The ticket-call feed for the waiting-room displays (Aufrufanzeige): per location, the last calls
// of today (number, room, time; never a name or anything else about the person), and every new
// call or recall pushed to the location's subscribers once it is committed, on any server. The
// same reads also tell the staff floor pages (reception, desk) when the queue changed at all.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace amt::app {

// One call as a display may show it. Deliberately no ticket id, appointment or staff member.
struct DisplayCall {
  std::string number;  // "N01", "T012"
  std::string room;
  Instant at{};
  std::string time;  // local HH:MM at the location
  // "<unix seconds>-<number>": the event id; orders calls by time, then number.
  std::string id() const;
};

// Whether call `c` came after the call with event id `last` (same second: every other number
// counts as later, so nothing is lost to clock skew between servers within one second).
bool called_after(const DisplayCall& c, std::string_view last);

// Newest first.
using CallList = std::vector<DisplayCall>;

// A short fingerprint of a location's tickets of today (who waits, who was called where, status):
// equal stamps, same queue. The floor pages compare it to know whether to fetch a fresh view.
std::string queue_stamp(const std::vector<Ticket>& today);

class CallFeed {
 public:
  struct Options {
    std::size_t keep = 8;                          // calls a display gets
    std::chrono::milliseconds poll{50};            // how often the data version is looked at (bounds reads: every write moves it)
    std::chrono::milliseconds refresh{100};        // read anyway: writers outside this process (SQLite CLI)
  };
  // Runs on the feed's thread under its lock, in commit order: a new call and the list after it.
  using Publish = std::function<void(const Id& location_id, const DisplayCall& call, const CallList& recent)>;
  // Runs on the feed's thread under its lock when a followed location's queue stamp changed.
  using QueueChanged = std::function<void(const Id& location_id, const std::string& stamp)>;
  // Whether anyone still listens to a location; locations without audience are not read.
  using Audience = std::function<bool(const Id& location_id)>;

  CallFeed(store::Store& store, CatalogHolder& catalogs, const Clock& clock, Publish publish, Audience audience,
           Options options);
  CallFeed(store::Store& store, CatalogHolder& catalogs, const Clock& clock, Publish publish, Audience audience)
      : CallFeed(store, catalogs, clock, std::move(publish), std::move(audience), Options{}) {}
  ~CallFeed();  // stops the feed thread
  void stop();   // the same, earlier (idempotent)
  CallFeed(const CallFeed&) = delete;
  CallFeed& operator=(const CallFeed&) = delete;

  // Starts following the location and runs `subscribe` under the feed's lock with its current
  // calls: a call is either in that list or published after subscribe returns, never neither.
  // False for an unknown location.
  bool open(const Id& location_id, const std::function<void(const CallList& recent)>& subscribe);
  // Set once, before anyone opens a location (the server does it at start).
  void on_queue_change(QueueChanged queue_changed);
  // Today's last calls straight from the store (newest first).
  CallList read(const Id& location_id) const;
  // One round of the feed thread's work now (tests): reads followed locations, publishes changes.
  void refresh();

 private:
  struct Seen {
    DisplayCall call;
    std::uint64_t order = 0;  // when the feed saw it: orders calls within one second (times are whole seconds)
  };
  struct Followed {
    LocalDate day{};
    std::map<std::string, Seen> by_number;  // a recall replaces the ticket's earlier call
    std::uint64_t seen = 0;
    std::string queue_stamp;
  };
  struct DayRead {
    CallList calls;
    std::string stamp;
  };
  DayRead read_day(const Id& location_id) const;
  void note_queue(const Id& location_id, Followed& followed, const std::string& stamp, bool publish);
  void run();
  void merge(const Id& location_id, Followed& followed, const CallList& fresh, bool publish);
  CallList recent(const Followed& followed) const;
  std::optional<LocalDate> today(const Id& location_id) const;

  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  Publish publish_;
  Audience audience_;
  QueueChanged queue_changed_;  // under mutex_
  const Options options_;
  mutable std::mutex mutex_;
  std::map<Id, Followed> followed_;
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything it uses
};

}  // namespace amt::app
