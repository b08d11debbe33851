// The background worker that delivers one outbox channel ("email", "sms"): claims one due message
// at a time with a lease, hands it to the channel's sender, and records the outcome (sent, retry
// later with backoff, or given up). The SMTP and SMS gateway senders plug into it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/clock.hpp"
#include "store/store.hpp"

namespace amt::app {

struct RetryPolicy {
  std::chrono::seconds base{60};    // first retry after about this long
  std::chrono::seconds cap{3600};   // never wait longer than this
  int max_attempts = 10;            // then the message is marked failed for good
};

// Exponential backoff with jitter: base * 2^(attempts-1), capped, then scaled into [50 %, 100 %]
// by random01 in [0, 1) so that many messages failing together do not retry in lock-step.
std::chrono::seconds retry_delay(int attempts, const RetryPolicy& policy, double random01);

// What one delivery attempt came to.
struct SendOutcome {
  bool sent = false;
  bool permanent = false;  // the other side refused for good: retrying will not help
  std::string error;
};
// The error a sender returns when it gave up a transfer because the worker is stopping.
inline constexpr std::string_view aborted_by_shutdown = "aborted: shutting down";

// Delivers one message. Called on the worker's thread only; stopping turns true when the worker
// stops (a sender aborts a transfer that has not begun yet).
using OutboxSender = std::function<SendOutcome(const store::OutboxMessage&)>;
using MakeOutboxSender = std::function<OutboxSender(const std::atomic<bool>& stopping)>;

struct OutboxWorkerSettings {
  std::string channel;                   // the outbox channel it delivers, also its name in the log
  std::chrono::seconds transfer_timeout{30};  // the sender's bound on one delivery attempt
  std::chrono::milliseconds poll{1000};
  RetryPolicy retry;
};

class OutboxWorker {
 public:
  OutboxWorker(store::Store& store, const Clock& clock, OutboxWorkerSettings settings, const MakeOutboxSender& sender,
               std::function<double()> random01);
  ~OutboxWorker();  // stop()
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Finishes the message being sent (a transfer not yet begun is abandoned), hands back what it had
  // claimed, and joins the thread. Nothing is lost: unsent messages stay queued.
  void stop();
  // One pass: claims due messages and tries each; returns how many were claimed. Used by the loop.
  int deliver_due();

 private:
  void loop();
  void finish(const store::OutboxMessage& m, const SendOutcome& outcome);
  void record_sent(const store::OutboxMessage& m);

  store::Store& store_;
  const Clock& clock_;
  OutboxWorkerSettings settings_;
  std::function<double()> random01_;
  std::string worker_id_;
  std::atomic<bool> stopping_{false};
  OutboxSender send_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace amt::app
