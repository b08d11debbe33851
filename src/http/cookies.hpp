// Reading the Cookie header and writing Set-Cookie lines, with safe defaults (HttpOnly,
// SameSite=Lax, Path=/) so a page cannot forget them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

// The first cookie of that name in the request, or nullopt.
std::optional<std::string> cookie(const Request& request, std::string_view name);

struct CookieOptions {
  int max_age_seconds = -1;  // -1: a session cookie
  bool http_only = true;
  bool secure = false;  // set behind TLS; plain-HTTP local runs would otherwise drop it
  std::string_view path = "/";
  std::string_view same_site = "Lax";  // "Strict" for the staff session
};
// Appends a Set-Cookie header; value must be a cookie-octet token (callers pass ids and codes).
void set_cookie(Response& response, std::string_view name, std::string_view value,
                CookieOptions options = {});

}  // namespace amt::http
