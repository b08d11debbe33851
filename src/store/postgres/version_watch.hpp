// The shared data version as this server knows it, kept current without a query on the caller's
// thread: a background thread LISTENs for other servers' commits and checks in regularly.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

struct pg_conn;

namespace amt::store::postgres {

// Channel on which every committed write announces its new data version (the payload).
inline constexpr const char* version_channel = "amt_data_version";

// Freshness guarantee of current(): when it returns a version V, every write committed (on any
// server) more than `lease` ago is included in V; when the listener cannot vouch for that (not yet
// connected, connection lost, database too slow to answer) it returns nothing. Notifications make
// the usual delay a few milliseconds; the lease bounds it when they stop coming.
class VersionWatch {
 public:
  // How the watch's connection shows in pg_stat_activity.
  static constexpr const char* application_name = "amtstermin-version-watch";

  struct Timing {
    std::chrono::milliseconds heartbeat{200};  // how often the version is read from the database
    std::chrono::milliseconds lease{750};      // how long one answered heartbeat vouches for it
    std::chrono::milliseconds reconnect{200};  // pause before connecting again after a failure
  };

  explicit VersionWatch(std::string url) : VersionWatch(std::move(url), Timing{}) {}
  VersionWatch(std::string url, Timing timing);
  ~VersionWatch();  // stops the listener within about 50 ms (longer only while it connects)
  VersionWatch(const VersionWatch&) = delete;
  VersionWatch& operator=(const VersionWatch&) = delete;

  std::optional<std::uint64_t> current() const;  // never blocks
  // This server committed a write that advanced the version to `version`.
  void saw(std::uint64_t version) { raise(version); }

 private:
  using Clock = std::chrono::steady_clock;
  void run();
  void follow(pg_conn* conn);  // returns when the connection fails or on stop
  bool await_result(pg_conn* conn, Clock::time_point deadline, std::optional<std::uint64_t>* value);
  bool idle_until(pg_conn* conn, Clock::time_point until);
  bool take_input(pg_conn* conn);  // reads what arrived and takes its notifications
  void raise(std::uint64_t version);
  void invalidate() { valid_until_.store(0); }

  const std::string url_;
  const Timing timing_;
  std::atomic<std::uint64_t> version_{0};
  std::atomic<Clock::rep> valid_until_{0};  // steady-clock ticks; 0 = cannot vouch
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: starts after everything it uses
};

}  // namespace amt::store::postgres
