// Response serialisation. We write the head ourselves: it is a handful of appends into one string,
// cheaper than Beast's field container, and lets HEAD keep the GET Content-Length without a body.
#include "http/wire.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/http/status.hpp>
#include <charconv>
#include <chrono>
#include <ctime>

#include "http/text.hpp"

namespace amt::http {

namespace {

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Header values from handlers may carry user input; CR or LF would split the response.
bool safe_field(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!is_token_char(c)) return false;
  }
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool owned_by_server(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection") ||
         iequals(name, "date") || iequals(name, "server");
}

bool has_field(const Fields& fields, std::string_view name) {
  for (const auto& field : fields) {
    if (iequals(field.first, name)) return true;
  }
  return false;
}

void append_field(std::string& head, std::string_view name, std::string_view value) {
  head += name;
  head += ": ";
  head += value;
  head += "\r\n";
}

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void append_2(char*& p, int v) {
  *p++ = static_cast<char>('0' + v / 10);
  *p++ = static_cast<char>('0' + v % 10);
}

void format_http_date(std::time_t t, char* out) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&t, &tm);
  char* p = out;
  for (const char* s = days[tm.tm_wday]; *s;) *p++ = *s++;
  *p++ = ',';
  *p++ = ' ';
  append_2(p, tm.tm_mday);
  *p++ = ' ';
  for (const char* s = months[tm.tm_mon]; *s;) *p++ = *s++;
  *p++ = ' ';
  const int year = tm.tm_year + 1900;
  append_2(p, year / 100);
  append_2(p, year % 100);
  *p++ = ' ';
  append_2(p, tm.tm_hour);
  *p++ = ':';
  append_2(p, tm.tm_min);
  *p++ = ':';
  append_2(p, tm.tm_sec);
  for (const char* s = " GMT"; *s;) *p++ = *s++;
}

}  // namespace

std::string_view http_date() {
  thread_local std::time_t cached_second = -1;
  thread_local char text[29];
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cached_second) {
    format_http_date(now, text);
    cached_second = now;
  }
  return {text, sizeof text};
}

WireResponse to_wire(Response response, bool head_request) {
  WireResponse wire;
  wire.status = (response.status >= 100 && response.status <= 999) ? response.status : 500;
  const bool bodyless_status = wire.status < 200 || wire.status == 204 || wire.status == 304;

  auto& head = wire.head;
  head.reserve(256 + response.headers.size() * 48);
  head += "HTTP/1.1 ";
  append_number(head, static_cast<std::size_t>(wire.status));
  head += ' ';
  head += boost::beast::http::obsolete_reason(boost::beast::http::int_to_status(static_cast<unsigned>(wire.status)));
  head += "\r\n";
  append_field(head, "Date", http_date());
  append_field(head, "Server", "amtstermin");
  for (const auto& [name, value] : response.headers) {
    if (owned_by_server(name)) continue;
    if (!safe_field(name, value)) {
      spdlog::warn(R"({{"event":"unsafe_response_header_dropped","status":{}}})", wire.status);
      continue;
    }
    append_field(head, name, value);
  }
  if (!has_field(response.headers, "X-Content-Type-Options")) append_field(head, "X-Content-Type-Options", "nosniff");
  if (!has_field(response.headers, "Referrer-Policy")) append_field(head, "Referrer-Policy", "no-referrer");
  if (bodyless_status) return wire;

  wire.body_bytes = response.body_view().size();
  if (response.stream && !head_request) {
    wire.stream = std::move(response.stream);
    wire.body = std::move(response.body);
    return wire;
  }
  head += "Content-Length: ";
  append_number(head, wire.body_bytes);
  head += "\r\n";
  if (head_request) return wire;
  wire.body = std::move(response.body);
  wire.shared_body = std::move(response.shared_body);
  return wire;
}

void finish_head(std::string& head, bool keep_alive, bool http10) {
  if (!keep_alive) {
    head += "Connection: close\r\n\r\n";
  } else if (http10) {
    head += "Connection: keep-alive\r\n\r\n";
  } else {
    head += "\r\n";
  }
}

}  // namespace amt::http
