// application/x-www-form-urlencoded bodies as ordered fields, decoded strictly (Boost.URL).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

// nullopt when the body is not valid urlencoded text.
std::optional<Fields> parse_form(std::string_view body);
// The first value of name, or empty.
std::string field(const Fields& fields, std::string_view name);

}  // namespace amt::http
