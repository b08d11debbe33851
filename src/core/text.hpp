// ASCII case folding for identifiers, codes, header names and searches typed by staff; letters
// beyond ASCII are left as they are (names are compared as typed, never locale-folded).
#pragma once

#include <string>
#include <string_view>

namespace amt {

std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);

}  // namespace amt
