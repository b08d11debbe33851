// E-mail delivery over SMTP (libcurl): the settings, the sender, and the outbox worker for the
// "email" channel built from them (the loop and retries are OutboxWorker's, shared with SMS).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/outbox_worker.hpp"

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

// A 5xx reply counts as permanent; every other failure is retried.
OutboxSender smtp_sender(const MailSettings& settings, const Clock& clock, const std::atomic<bool>& stopping);

// The e-mail channel's worker. (MailWorker: the name the rest of the code knew it by.)
using MailWorker = OutboxWorker;
std::unique_ptr<OutboxWorker> make_mail_worker(store::Store& store, const Clock& clock, const MailSettings& settings,
                                               const RetryPolicy& retry, std::function<double()> random01);

}  // namespace amt::app
