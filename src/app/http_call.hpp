// One HTTP(S) request of an outbox sender (SMS gateway, social posts) with libcurl: one easy handle
// per worker so connections are reused, a bounded answer, and the shutdown rule of curl_easy.hpp.
// Nothing of the request is logged here: it may carry secrets, numbers and texts.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "app/curl_easy.hpp"

namespace amt::app {

struct HttpCall {
  std::string url;
  std::string method = "POST";       // POST, PUT or GET (GET sends no body)
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  int timeout_seconds = 10;
};

struct HttpReply {
  bool reached = false;   // an HTTP answer came back (status and body are set)
  bool aborted = false;   // given up before it began because the worker is stopping
  long status = 0;
  std::string body;       // the first 64 KiB
  std::string error;      // when not reached: curl's reason (may contain the URL: scrub secrets)
};

// A value for a form-encoded body or a query: everything but RFC 3986's unreserved characters
// percent-encoded (a space too, as %20, which every form decoder reads).
std::string form_encode(std::string_view s);

class HttpCaller {
 public:
  explicit HttpCaller(const std::atomic<bool>& stopping) : stopping_(stopping) { curl_init_once(); }
  HttpReply perform(const HttpCall& call);

 private:
  const std::atomic<bool>& stopping_;
  CurlEasy curl_;
};

}  // namespace amt::app
