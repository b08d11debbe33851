// The worker loop and the outcome bookkeeping. Marked sent right after the other side accepted the
// message, so in the normal case nothing goes out twice; after an unclear failure (connection lost
// after the message went out) the retry carries the same outbox id (Message-ID, SMS reference),
// recognisable to the receiving side.
#include "app/outbox_worker.hpp"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "app/secrets.hpp"

namespace amt::app {
namespace {

// One message per claim: its lease then only has to outlast one transfer. With a batch, the last
// message of a batch sent to a slow server could outlive its lease while still waiting its turn,
// and a worker on another server would claim and send it too.
constexpr int outbox_batch_size = 1;
// Longer than one transfer can take (connect + send are bounded by transfer_timeout), so a lease
// only runs out when its worker died; the 30 s spare also cover clock skew between servers.
std::chrono::seconds lease_for(const OutboxWorkerSettings& s) { return 2 * s.transfer_timeout + std::chrono::seconds{30}; }

}  // namespace

std::chrono::seconds retry_delay(int attempts, const RetryPolicy& policy, double random01) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const double full = std::min(static_cast<double>(policy.cap.count()),
                               static_cast<double>(policy.base.count()) * std::pow(2.0, doublings));
  const double jittered = full * (0.5 + 0.5 * std::clamp(random01, 0.0, 1.0));
  return std::chrono::seconds{std::max<std::int64_t>(1, std::llround(jittered))};
}

OutboxWorker::OutboxWorker(store::Store& store, const Clock& clock, OutboxWorkerSettings settings,
                           const MakeOutboxSender& sender, std::function<double()> random01)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      random01_(std::move(random01)),
      worker_id_(settings_.channel + "-" + random_nonce().substr(0, 12)),
      send_(sender(stopping_)),
      thread_([this] { loop(); }) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::loop() {
  while (!stopping_) {
    int claimed = 0;
    try {
      claimed = deliver_due();
    } catch (const std::exception& e) {
      spdlog::error("{}: delivery pass failed: {}", settings_.channel, e.what());
    }
    if (claimed == outbox_batch_size) continue;  // more may be due right away
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, settings_.poll, [this] { return stopping_.load(); });
  }
}

int OutboxWorker::deliver_due() {
  const auto batch = store_.claim_outbox(settings_.channel, worker_id_, clock_.now(), lease_for(settings_),
                                         outbox_batch_size);
  for (const auto& m : batch) {
    if (stopping_) {  // hand it back at once instead of letting the lease run out
      store_.mark_outbox_failed(m.id, worker_id_, "not attempted: server shutting down", clock_.now());
      continue;
    }
    if (m.attempts > settings_.retry.max_attempts) {  // claimed again and again without an outcome: crashes
      store_.mark_outbox_failed(m.id, worker_id_, "gave up after " + std::to_string(m.attempts - 1) +
                                                      " attempts without an outcome", std::nullopt);
      continue;
    }
    finish(m, send_(m));
  }
  return static_cast<int>(batch.size());
}

// The other side has the message: not recording that would send it again once the lease runs out,
// so a database hiccup here is waited out (a few tries within about 8 s, well inside the lease).
void OutboxWorker::record_sent(const store::OutboxMessage& m) {
  for (int attempt = 0;; ++attempt) {
    try {
      if (store_.mark_outbox_sent(m.id, worker_id_, clock_.now()))
        spdlog::info("{}: {} ({}) sent", settings_.channel, m.id, m.kind);
      else spdlog::warn("{}: {} was sent but its lease had passed to another worker", settings_.channel, m.id);
      return;
    } catch (const std::exception& e) {
      if (attempt == 4) throw;
      spdlog::warn("{}: {} was sent, recording it failed ({}); trying again", settings_.channel, m.id, e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds{500} * (1 << attempt));
    }
  }
}

void OutboxWorker::finish(const store::OutboxMessage& m, const SendOutcome& outcome) {
  if (outcome.sent) return record_sent(m);
  const std::string& channel = settings_.channel;
  if (stopping_ && outcome.error == aborted_by_shutdown) {
    store_.mark_outbox_failed(m.id, worker_id_, outcome.error, clock_.now());
    return;
  }
  if (outcome.permanent || m.attempts >= settings_.retry.max_attempts) {
    spdlog::error("{}: {} ({}) failed for good after {} attempts: {}", channel, m.id, m.kind, m.attempts,
                  outcome.error);
    store_.mark_outbox_failed(m.id, worker_id_, outcome.error, std::nullopt);
    return;
  }
  const auto delay = retry_delay(m.attempts, settings_.retry, random01_());
  spdlog::warn("{}: {} ({}) attempt {} failed, retry in {} s: {}", channel, m.id, m.kind, m.attempts, delay.count(),
               outcome.error);
  store_.mark_outbox_failed(m.id, worker_id_, outcome.error, clock_.now() + delay);
}

}  // namespace amt::app
