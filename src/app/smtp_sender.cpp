// SMTP delivery with libcurl: one easy handle per worker thread (the connection is reused between
// messages), STARTTLS when configured, and a 5xx reply treated as permanent.
#include <memory>

#include "app/curl_easy.hpp"
#include "app/mail_worker.hpp"
#include "app/mime.hpp"

namespace amt::app {
namespace {

struct MailUpload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_mail_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<MailUpload*>(user);
  const std::size_t n = std::min(size * count, u->data.size() - u->offset);
  std::copy_n(u->data.data() + u->offset, n, buffer);
  u->offset += n;
  return n;
}

class SmtpSender {
 public:
  SmtpSender(MailSettings settings, const Clock& clock, const std::atomic<bool>& stopping)
      : settings_(std::move(settings)), clock_(clock), stopping_(stopping) {
    curl_init_once();
  }

  SendOutcome operator()(const store::OutboxMessage& m) {
    MailUpload upload;
    try {
      upload.data = compose_mail(m, settings_.from, clock_.now());
    } catch (const std::invalid_argument& e) {
      return {false, true, e.what()};
    }
    if (!curl_) curl_.reset(curl_easy_init());
    CURL* c = curl_.get();
    curl_easy_reset(c);  // keeps the open connection, forgets the last message's options
    const std::string envelope_from = "<" + address_of(settings_.from) + ">";
    CurlList rcpt(curl_slist_append(nullptr, ("<" + m.recipient + ">").c_str()));
    curl_easy_setopt(c, CURLOPT_URL, settings_.smtp_url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_mail_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload.data.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CurlShutdownGuard guard(stopping_);
    guard.watch(c);
    if (settings_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return {true, false, ""};
    if (rc == CURLE_ABORTED_BY_CALLBACK) return {false, false, std::string(aborted_by_shutdown)};
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    std::string error = curl_easy_strerror(rc);
    if (reply > 0) error += " (SMTP " + std::to_string(reply) + ")";
    curl_.reset();  // a failed connection is not reused
    return {false, reply >= 500 && reply < 600, error};
  }

 private:
  MailSettings settings_;
  const Clock& clock_;
  const std::atomic<bool>& stopping_;
  CurlEasy curl_;
};

}  // namespace

OutboxSender smtp_sender(const MailSettings& settings, const Clock& clock, const std::atomic<bool>& stopping) {
  auto sender = std::make_shared<SmtpSender>(settings, clock, stopping);
  return [sender](const store::OutboxMessage& m) { return (*sender)(m); };
}

std::unique_ptr<OutboxWorker> make_mail_worker(store::Store& store, const Clock& clock, const MailSettings& settings,
                                               const RetryPolicy& retry, std::function<double()> random01) {
  const OutboxWorkerSettings worker{"email", std::chrono::seconds{settings.timeout_seconds}, settings.poll, retry};
  return std::make_unique<OutboxWorker>(
      store, clock, worker, [&](const std::atomic<bool>& stopping) { return smtp_sender(settings, clock, stopping); },
      std::move(random01));
}

}  // namespace amt::app
