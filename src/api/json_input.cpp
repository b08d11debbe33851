// Strict JSON input for the v1 endpoints.
#include "api/json_input.hpp"

#include <algorithm>
#include <cctype>

#include "api/problem.hpp"
#include "core/text.hpp"

namespace amt::api {

namespace {

bool is_json_content_type(std::string_view value) {
  std::string lower = ascii_lower(value.substr(0, value.find(';')));
  while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  return lower == "application/json" || (lower.starts_with("application/") && lower.ends_with("+json"));
}

}  // namespace

std::variant<boost::json::object, http::Response> json_object_body(const http::Request& request) {
  if (!is_json_content_type(request.header("content-type"))) return unsupported_media_type();
  if (request.body.empty()) return malformed_body("The request body is empty.");
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec, {}, options);
  if (ec) return malformed_body("The request body is not valid JSON.");
  if (!value.is_object())
    return problem({app::ErrorKind::validation, "The request body must be a JSON object.",
                    {{"", "type", "Expected a JSON object."}}});
  return std::move(value.as_object());
}

std::string FieldReader::string(std::string_view key) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) return {};
  if (const auto* s = v->if_string()) return std::string(s->data(), s->size());
  errors_.push_back({prefix_ + std::string(key), "type", "Expected a string."});
  return {};
}

const boost::json::object* FieldReader::object(std::string_view key) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (const auto* o = v->if_object()) return o;
  errors_.push_back({prefix_ + std::string(key), "type", "Expected an object."});
  return nullptr;
}

}  // namespace amt::api
