// Cookie header parsing (RFC 6265 section 5.4 shape) and Set-Cookie building.
#include "http/cookies.hpp"

namespace amt::http {

namespace {
std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::string> cookie(const Request& request, std::string_view name) {
  for (const auto& [field, value] : request.headers) {
    if (field != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const std::string_view pair = trim_spaces(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || trim_spaces(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim_spaces(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

void set_cookie(Response& response, std::string_view name, std::string_view value, CookieOptions options) {
  std::string line;
  line.append(name).append("=").append(value).append("; Path=").append(options.path);
  line.append("; SameSite=").append(options.same_site);
  if (options.max_age_seconds >= 0) line += "; Max-Age=" + std::to_string(options.max_age_seconds);
  if (options.http_only) line += "; HttpOnly";
  if (options.secure) line += "; Secure";
  response.headers.emplace_back("Set-Cookie", std::move(line));
}

}  // namespace amt::http
