// Bearer token parsing: base64url characters only, at most 128 of them.
#include "api/bearer.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace amt::api {

std::string bearer_token(const http::Request& request) {
  const std::string_view value = request.header("authorization");
  if (value.size() < 7) return {};
  if (ascii_lower(value.substr(0, 7)) != "bearer ") return {};
  std::string token(value.substr(7));
  const bool ok = !token.empty() && token.size() <= 128 && std::all_of(token.begin(), token.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  });
  return ok ? token : std::string{};
}

}  // namespace amt::api
