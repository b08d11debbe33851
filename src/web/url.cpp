// Query-string encoding (RFC 3986 unreserved characters pass, everything else is %XX).
#include "web/url.hpp"

namespace amt::web {

std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xf];
    }
  }
  return out;
}

std::string query_string(const http::Fields& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (value.empty()) continue;
    out += out.empty() ? '?' : '&';
    out += percent_encode(key);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

std::string with_param(std::string_view path, http::Fields query, std::string_view name,
                       std::string_view value) {
  bool replaced = false;
  for (auto& [key, v] : query) {
    if (key != name) continue;
    v = replaced ? std::string() : std::string(value);
    replaced = true;
  }
  if (!replaced) query.emplace_back(std::string(name), std::string(value));
  return std::string(path) + query_string(query);
}

}  // namespace amt::web
