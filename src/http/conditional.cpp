// ETag from a SHA-256 of the body (OpenSSL), HTTP dates with the C library in UTC.
#include "http/conditional.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <ctime>

#include "http/text.hpp"

namespace amt::http {
namespace {

std::string body_etag(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(body.data(), body.size(), digest, &size, EVP_sha256(), nullptr);
  std::string out = "\"";
  char hex[3];
  for (unsigned int i = 0; i < 16 && i < size; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", digest[i]);
    out += hex;
  }
  return out + "\"";
}

// If-None-Match uses the weak comparison: W/"x" matches "x".
bool none_match_hits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view tag = trim_ows(header.substr(0, comma));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string format_http_date(std::chrono::sys_seconds t) {
  const std::time_t seconds = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[40];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return out;
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
  const std::string s(trim_ows(text));
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{timegm(&tm)}};
}

Response conditional(const Request& request, Response response,
                     std::optional<std::chrono::sys_seconds> last_modified) {
  const std::string etag = body_etag(response.body);
  response.set("ETag", etag);
  response.set("Cache-Control", "no-cache");
  if (last_modified) response.set("Last-Modified", format_http_date(*last_modified));
  bool not_modified = false;
  if (const auto inm = request.header("if-none-match"); !inm.empty()) {
    not_modified = none_match_hits(inm, etag);
  } else if (const auto since = parse_http_date(request.header("if-modified-since")); since && last_modified) {
    not_modified = *last_modified <= *since;
  }
  if (!not_modified) return response;
  response.status = 304;
  response.body.clear();
  std::erase_if(response.headers, [](const auto& h) { return h.first == "Content-Type"; });
  return response;
}

}  // namespace amt::http
