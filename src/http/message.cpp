// Request lookups and the common Response builders, including RFC 9457 problem details.
#include "http/message.hpp"

#include <string>

#include "http/text.hpp"

namespace amt::http {

namespace {
const std::pair<std::string, std::string>* find(const Fields& fields, std::string_view name, bool any_case) {
  for (const auto& field : fields) {
    if (any_case ? iequals(field.first, name) : field.first == name) return &field;
  }
  return nullptr;
}
}  // namespace

std::string_view Request::header(std::string_view name) const {
  const auto* field = find(headers, name, true);
  return field ? std::string_view(field->second) : std::string_view();
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  const auto* field = find(query, name, false);
  if (!field) return std::nullopt;
  return field->second;
}

std::string_view Request::param(std::string_view name) const {
  const auto* field = find(params, name, false);
  return field ? std::string_view(field->second) : std::string_view();
}

Response& Response::set(std::string name, std::string value) {
  for (auto& field : headers) {
    if (iequals(field.first, name)) {
      field.second = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response Response::json(int status, std::string body) {
  return text(status, std::move(body), "application/json");
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::move(content_type));
  response.body = std::move(body);
  return response;
}

Response Response::problem(int status, std::string_view title, std::string_view detail) {
  std::string body = R"({"type":"about:blank","title":")";
  append_json_escaped(body, title);
  body += R"(","status":)";
  body += std::to_string(status);
  if (!detail.empty()) {
    body += R"(,"detail":")";
    append_json_escaped(body, detail);
    body += '"';
  }
  body += '}';
  return text(status, std::move(body), "application/problem+json");
}

}  // namespace amt::http
