// The background worker that delivers queued e-mails over SMTP (libcurl): claims due outbox
// messages with a lease, sends each, and records the outcome (sent, retry later with backoff, or
// given up). The SMS and webhook workers of the reminders issue can follow the same pattern.
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

struct MailSettings {
  std::string smtp_url;   // smtp://host:port or smtps://host:port
  std::string from;       // "Jobcenter Mainz <termine@example.org>"
  std::string username;   // "" = no authentication
  std::string password;
  bool starttls = false;  // require STARTTLS on smtp://
  int timeout_seconds = 30;
  std::chrono::milliseconds poll{1000};
};

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
  bool permanent = false;  // the server refused for good (5xx): retrying will not help
  std::string error;
};
using MailSender = std::function<SendOutcome(const store::OutboxMessage&)>;
MailSender smtp_sender(const MailSettings& settings, const Clock& clock, const std::atomic<bool>& stopping);

class MailWorker {
 public:
  MailWorker(store::Store& store, const Clock& clock, MailSettings settings, RetryPolicy retry,
             std::function<double()> random01);
  ~MailWorker();  // stop()
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  // Finishes the message being sent (a transfer not yet begun is abandoned), hands back what it had
  // claimed, and joins the thread. Nothing is lost: unsent messages stay queued.
  void stop();
  // One pass: claims due messages and tries each; returns how many were claimed. Used by the loop.
  int deliver_due();

 private:
  void loop();
  void finish(const store::OutboxMessage& m, const SendOutcome& outcome);

  store::Store& store_;
  const Clock& clock_;
  MailSettings settings_;
  RetryPolicy retry_;
  std::function<double()> random01_;
  std::string worker_id_;
  std::atomic<bool> stopping_{false};
  MailSender send_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace amt::app
