// Checks and normal forms for the contact fields of a booking.
#include "app/contact.hpp"

#include <algorithm>
#include <cctype>

namespace amt::app {

std::string trim(std::string_view s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> normalize_email(std::string_view raw) {
  std::string s = trim(raw);
  if (s.size() < 3 || s.size() > 254) return std::nullopt;
  const auto at = s.find('@');
  if (at == 0 || at == std::string::npos || s.find('@', at + 1) != std::string::npos) return std::nullopt;
  const auto dot = s.find('.', at + 2);
  if (dot == std::string::npos || dot + 1 >= s.size()) return std::nullopt;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') return std::nullopt;
  }
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::optional<std::string> normalize_phone(std::string_view raw) {
  const std::string s = trim(raw);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+' && i == 0) {
      out += c;
    } else if (c >= '0' && c <= '9') {
      out += c;
    } else if (c != ' ' && c != '-' && c != '/' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  const size_t digits = out.size() - (out.starts_with('+') ? 1 : 0);
  if (digits < 6 || digits > 20) return std::nullopt;
  return out;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    if (len == 2 && c < 0xc2) return false;  // overlong
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    if (len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)) return false;  // overlong, surrogate
    }
    if (len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xf0 && c1 < 0x90) || c > 0xf4 || (c == 0xf4 && c1 >= 0x90)) return false;
    }
    i += len;
  }
  return true;
}

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

std::vector<std::string> contact_keys(std::string_view email, std::string_view phone) {
  std::vector<std::string> keys;
  if (auto e = normalize_email(email)) keys.push_back("email:" + *e);
  if (auto p = normalize_phone(phone)) keys.push_back("phone:" + *p);
  return keys;
}

}  // namespace amt::app
