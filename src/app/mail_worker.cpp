// The worker loop and the outcome bookkeeping. Marked sent right after the server accepted the
// message, so in the normal case nothing goes out twice; after an unclear failure (connection lost
// after DATA) the retry carries the same Message-ID, recognisable to the receiving side.
#include "app/mail_worker.hpp"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "app/secrets.hpp"

namespace amt::app {
namespace {

// One message per claim: its lease then only has to outlast one transfer. With a batch, the last
// message of a batch sent to a slow mail server could outlive its lease while still waiting its
// turn, and a worker on another server would claim and send it too.
constexpr int batch_size = 1;
// Longer than one transfer can take (connect + send are bounded by timeout_seconds), so a lease
// only runs out when its worker died; the 30 s spare also cover clock skew between servers.
std::chrono::seconds lease_for(const MailSettings& s) { return std::chrono::seconds{2 * s.timeout_seconds + 30}; }

}  // namespace

std::chrono::seconds retry_delay(int attempts, const RetryPolicy& policy, double random01) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const double full = std::min(static_cast<double>(policy.cap.count()),
                               static_cast<double>(policy.base.count()) * std::pow(2.0, doublings));
  const double jittered = full * (0.5 + 0.5 * std::clamp(random01, 0.0, 1.0));
  return std::chrono::seconds{std::max<std::int64_t>(1, std::llround(jittered))};
}

MailWorker::MailWorker(store::Store& store, const Clock& clock, MailSettings settings, RetryPolicy retry,
                       std::function<double()> random01)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      retry_(retry),
      random01_(std::move(random01)),
      worker_id_("mail-" + random_nonce().substr(0, 12)),
      send_(smtp_sender(settings_, clock_, stopping_)),
      thread_([this] { loop(); }) {}

MailWorker::~MailWorker() { stop(); }

void MailWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailWorker::loop() {
  while (!stopping_) {
    int claimed = 0;
    try {
      claimed = deliver_due();
    } catch (const std::exception& e) {
      spdlog::error("mail: delivery pass failed: {}", e.what());
    }
    if (claimed == batch_size) continue;  // more may be due right away
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, settings_.poll, [this] { return stopping_.load(); });
  }
}

int MailWorker::deliver_due() {
  const auto batch = store_.claim_outbox("email", worker_id_, clock_.now(), lease_for(settings_), batch_size);
  for (const auto& m : batch) {
    if (stopping_) {  // hand it back at once instead of letting the lease run out
      store_.mark_outbox_failed(m.id, worker_id_, "not attempted: server shutting down", clock_.now());
      continue;
    }
    if (m.attempts > retry_.max_attempts) {  // claimed again and again without an outcome: crashes
      store_.mark_outbox_failed(m.id, worker_id_, "gave up after " + std::to_string(m.attempts - 1) +
                                                      " attempts without an outcome", std::nullopt);
      continue;
    }
    finish(m, send_(m));
  }
  return static_cast<int>(batch.size());
}

void MailWorker::finish(const store::OutboxMessage& m, const SendOutcome& outcome) {
  if (outcome.sent) {
    if (!store_.mark_outbox_sent(m.id, worker_id_, clock_.now()))
      spdlog::warn("mail: {} was sent but its lease had passed to another worker", m.id);
    else spdlog::info("mail: {} ({}) sent", m.id, m.kind);
    return;
  }
  if (stopping_ && outcome.error == "aborted: shutting down") {
    store_.mark_outbox_failed(m.id, worker_id_, outcome.error, clock_.now());
    return;
  }
  if (outcome.permanent || m.attempts >= retry_.max_attempts) {
    spdlog::error("mail: {} ({}) failed for good after {} attempts: {}", m.id, m.kind, m.attempts, outcome.error);
    store_.mark_outbox_failed(m.id, worker_id_, outcome.error, std::nullopt);
    return;
  }
  const auto delay = retry_delay(m.attempts, retry_, random01_());
  spdlog::warn("mail: {} ({}) attempt {} failed, retry in {} s: {}", m.id, m.kind, m.attempts, delay.count(),
               outcome.error);
  store_.mark_outbox_failed(m.id, worker_id_, outcome.error, clock_.now() + delay);
}

}  // namespace amt::app
