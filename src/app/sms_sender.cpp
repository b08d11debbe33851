// SMS delivery over HTTP(S) through HttpCaller (one per worker, so connections are reused): the
// request from sms_request, the answer judged by judge_gateway_answer. Nothing of the request (URL,
// headers, body) is logged: they may carry the secret, the number and the text.
#include <memory>

#include "app/http_call.hpp"
#include "app/sms_gateway.hpp"

namespace amt::app {
namespace {

class SmsGatewaySender {
 public:
  SmsGatewaySender(SmsGatewaySettings settings, const std::atomic<bool>& stopping)
      : settings_(std::move(settings)), http_(stopping) {}

  SendOutcome operator()(const store::OutboxMessage& m) {
    const SmsRequest request = sms_request(settings_, m);
    const HttpReply reply =
        http_.perform({request.url, request.method, request.headers, request.body, settings_.timeout_seconds});
    if (reply.aborted) return {false, false, std::string(aborted_by_shutdown)};
    if (!reply.reached) return {false, false, redact_sms_error("gateway not reached: " + reply.error, settings_, m.recipient)};
    return judge_gateway_answer(settings_, reply.status, reply.body, m.recipient);
  }

 private:
  SmsGatewaySettings settings_;
  HttpCaller http_;
};

}  // namespace

OutboxSender sms_gateway_sender(const SmsGatewaySettings& settings, const std::atomic<bool>& stopping) {
  auto sender = std::make_shared<SmsGatewaySender>(settings, stopping);
  return [sender](const store::OutboxMessage& m) { return (*sender)(m); };
}

std::unique_ptr<OutboxWorker> make_sms_worker(store::Store& store, const Clock& clock, const SmsGatewaySettings& settings,
                                              const RetryPolicy& retry, std::function<double()> random01) {
  const OutboxWorkerSettings worker{"sms", std::chrono::seconds{settings.timeout_seconds}, settings.poll, retry};
  return std::make_unique<OutboxWorker>(
      store, clock, worker, [&](const std::atomic<bool>& stopping) { return sms_gateway_sender(settings, stopping); },
      std::move(random01));
}

}  // namespace amt::app
