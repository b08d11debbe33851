// ASCII case folding and whitespace trimming for identifiers, codes, header names and searches typed by staff; letters
// beyond ASCII are left as they are (names are compared as typed, never locale-folded).
#pragma once

#include <string>
#include <string_view>

namespace amt {

std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
// s without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view trim_space(std::string_view s);

}  // namespace amt
