// Splits a request target into its decoded path and query parameters, refusing targets that are
// not origin-form, decode to NUL bytes, or climb with ".." segments.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

// Fills path and query; on refusal returns a short reason for the 400 answer (empty on success).
std::string_view parse_target(std::string_view target, std::string& path, Fields& query);

}  // namespace amt::http
