// Reading JSON request bodies strictly but kindly: a depth limit against nesting bombs, UTF-8
// checked, and a field of the wrong type reported as a field error instead of a crash.
#pragma once

#include <optional>
#include <variant>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/message.hpp"

namespace amt::api {

// The body as a JSON object, or the response to send (415, 400, or 422 when not an object).
std::variant<boost::json::object, http::Response> json_object_body(const http::Request& request);

// Reads fields of one object; missing fields give "", wrong types add an error.
class FieldReader {
 public:
  FieldReader(const boost::json::object& object, std::vector<app::FieldError>& errors, std::string prefix = {})
      : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

  std::string string(std::string_view key);
  // A nested object; nullptr when missing or of the wrong type (then with an error).
  const boost::json::object* object(std::string_view key);

 private:
  const boost::json::object& object_;
  std::vector<app::FieldError>& errors_;
  std::string prefix_;
};

}  // namespace amt::api
