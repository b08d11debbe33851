// The one place where domain errors become HTTP: application/problem+json (RFC 9457) with a
// stable type per kind of error and field-level details for invalid input.
#pragma once

#include <string_view>

#include "app/errors.hpp"
#include "http/message.hpp"

namespace amt::api {

http::Response problem(const app::Error& error);
http::Response malformed_body(std::string_view detail);  // 400: not JSON at all
http::Response unsupported_media_type();                  // 415: not application/json

}  // namespace amt::api
