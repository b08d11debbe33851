// HttpCaller: the libcurl transfer shared by the SMS gateway and the social post senders.
#include "app/http_call.hpp"

#include <algorithm>
#include <cctype>

namespace amt::app {
namespace {

constexpr std::size_t max_http_answer = 64 * 1024;  // senders judge the first few hundred characters

std::size_t keep_http_answer(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<std::string*>(user);
  answer->append(data, std::min(size * count, max_http_answer - std::min(max_http_answer, answer->size())));
  return size * count;
}

}  // namespace

std::string form_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

HttpReply HttpCaller::perform(const HttpCall& call) {
  if (!curl_) curl_.reset(curl_easy_init());
  CURL* c = curl_.get();
  curl_easy_reset(c);  // keeps open connections, forgets the last message's options
  CurlList headers;
  for (const std::string& h : call.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
  HttpReply reply;
  char error_detail[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (call.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, call.body.c_str());
    if (call.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_http_answer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_detail);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(call.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CurlShutdownGuard guard(stopping_);
  guard.watch(c);
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    reply.aborted = true;
    return reply;
  }
  if (rc != CURLE_OK) {
    curl_.reset();  // a failed connection is not reused
    reply.error = error_detail[0] != '\0' ? error_detail : curl_easy_strerror(rc);
    return reply;
  }
  reply.reached = true;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace amt::app
