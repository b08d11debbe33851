// Conditional GET (RFC 9110 section 13): a strong ETag from the body, Last-Modified, and 304 Not
// Modified to If-None-Match (first) or If-Modified-Since, so pollers pay for a change only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

std::string format_http_date(std::chrono::sys_seconds t);  // "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);  // IMF-fixdate only

// Adds ETag, Last-Modified (when given) and "Cache-Control: no-cache" to a 200 response and turns it
// into a 304 without body when the request's validators still match.
Response conditional(const Request& request, Response response,
                     std::optional<std::chrono::sys_seconds> last_modified);

}  // namespace amt::http
