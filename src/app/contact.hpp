// Minimal contact data: checked, normalised so that "A@B.de" and "a@b.de " are one person for the
// active-bookings limit, and nothing more kept than the citizen gave.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amt::app {

std::string trim(std::string_view s);
// Lower-cased and trimmed when it looks like an address (one @, a dot in the domain, no spaces).
std::optional<std::string> normalize_email(std::string_view s);
// Digits with an optional leading +, separators (space, -, /, parentheses) dropped; 6-20 digits.
std::optional<std::string> normalize_phone(std::string_view s);
bool is_valid_utf8(std::string_view s);
size_t utf8_length(std::string_view s);  // code points; assumes valid UTF-8
// Keys that name one contact for per-contact rate limits: "email:<normalised>", "phone:<normalised>"
// for those given and valid (either spelling of one address gives the same key).
std::vector<std::string> contact_keys(std::string_view email, std::string_view phone);

}  // namespace amt::app
