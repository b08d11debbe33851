// Building the links between pages: percent-encoded query strings that carry the flow's state.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::web {

std::string percent_encode(std::string_view s);
// "?a=1&b=x%20y", skipping empty values; "" when nothing is left.
std::string query_string(const http::Fields& fields);
// path + query with the value of name replaced (or added); used by the language links.
std::string with_param(std::string_view path, http::Fields query, std::string_view name,
                       std::string_view value);

}  // namespace amt::web
