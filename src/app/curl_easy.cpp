// Shared libcurl pieces (see curl_easy.hpp).
#include "app/curl_easy.hpp"

#include <mutex>

namespace amt::app {

void curl_init_once() {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void CurlShutdownGuard::watch(CURL* c) {
  request_begun_ = false;
  curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, &CurlShutdownGuard::before_request);
  curl_easy_setopt(c, CURLOPT_PREREQDATA, this);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &CurlShutdownGuard::on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, this);
}

// Called once the connection stands, right before the request goes out: the last moment to back off.
int CurlShutdownGuard::before_request(void* self, char*, char*, int, int) {
  auto* guard = static_cast<CurlShutdownGuard*>(self);
  if (guard->stopping_.load()) return CURL_PREREQFUNC_ABORT;
  guard->request_begun_ = true;
  return CURL_PREREQFUNC_OK;
}

int CurlShutdownGuard::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded) {
  const auto* guard = static_cast<const CurlShutdownGuard*>(self);
  return (guard->stopping_.load() && !guard->request_begun_ && uploaded == 0) ? 1 : 0;
}

}  // namespace amt::app
