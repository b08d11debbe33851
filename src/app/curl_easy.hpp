// What the libcurl senders (SMTP, SMS gateway) share: owning handles, the one-time global set-up,
// and aborting a transfer on shutdown only while none of the message has gone out.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <memory>

namespace amt::app {

struct CurlEasyFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyFree>;
using CurlList = std::unique_ptr<curl_slist, CurlListFree>;

// curl_global_init, once per process (it is not thread-safe itself).
void curl_init_once();

// One transfer's shutdown rule: while stopping is true and the request has not begun (HTTP: curl
// has not sent it yet; SMTP: nothing of the message is uploaded), the transfer is abandoned and
// curl_easy_perform returns CURLE_ABORTED_BY_CALLBACK. Once begun it runs to its end or timeout,
// so a shutdown never leaves a half-sent message nor one the other side may have acted on.
class CurlShutdownGuard {
 public:
  explicit CurlShutdownGuard(const std::atomic<bool>& stopping) : stopping_(stopping) {}
  // Installs the callbacks on c; the guard must outlive the transfer.
  void watch(CURL* c);

 private:
  static int before_request(void* self, char*, char*, int, int);
  static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded);
  const std::atomic<bool>& stopping_;
  bool request_begun_ = false;
};

}  // namespace amt::app
