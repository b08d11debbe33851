// SMS delivery over HTTP(S) with libcurl: one easy handle per worker (connections are reused), the
// request from sms_request, the answer judged by judge_gateway_answer. Nothing of the request (URL,
// headers, body) is logged: they may carry the secret, the number and the text.
#include <memory>

#include "app/curl_easy.hpp"
#include "app/sms_gateway.hpp"

namespace amt::app {
namespace {

constexpr std::size_t max_gateway_answer = 64 * 1024;  // the judge reads 200 characters; the rest is dropped

std::size_t keep_gateway_answer(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<std::string*>(user);
  answer->append(data, std::min(size * count, max_gateway_answer - std::min(max_gateway_answer, answer->size())));
  return size * count;
}

class SmsGatewaySender {
 public:
  SmsGatewaySender(SmsGatewaySettings settings, const std::atomic<bool>& stopping)
      : settings_(std::move(settings)), stopping_(stopping) {
    curl_init_once();
  }

  SendOutcome operator()(const store::OutboxMessage& m) {
    const SmsRequest request = sms_request(settings_, m);
    if (!curl_) curl_.reset(curl_easy_init());
    CURL* c = curl_.get();
    curl_easy_reset(c);  // keeps open connections, forgets the last message's options
    CurlList headers;
    for (const std::string& h : request.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
    std::string answer;
    char error_detail[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    if (request.method == "GET") curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    else {
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
      if (request.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_gateway_answer);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_detail);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CurlShutdownGuard guard(stopping_);
    guard.watch(c);
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_ABORTED_BY_CALLBACK) return {false, false, std::string(aborted_by_shutdown)};
    if (rc != CURLE_OK) {
      curl_.reset();  // a failed connection is not reused
      const std::string detail = error_detail[0] != '\0' ? error_detail : curl_easy_strerror(rc);
      return {false, false, scrub_secret("gateway not reached: " + detail, settings_.secret)};
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return judge_gateway_answer(settings_, status, answer);
  }

 private:
  SmsGatewaySettings settings_;
  const std::atomic<bool>& stopping_;
  CurlEasy curl_;
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
