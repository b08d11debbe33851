// Failures a user must see, as values. The API maps them to HTTP in one place (api/problem.cpp);
// the web pages will map them to translated messages in one place too.
#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace amt::app {

struct FieldError {
  std::string field;    // dotted path into the request, e.g. "contact.email"
  std::string code;     // stable machine code, e.g. "required", "invalid", "off_grid"
  std::string message;  // plain English for API clients
};

enum class ErrorKind {
  validation,            // fields below say what is wrong
  not_found,             // unknown id, or a code with the wrong token (same answer on purpose)
  unauthorized,          // no credentials given
  slot_taken,            // the time was free when shown but is gone now
  booking_limit,         // the contact already has the maximum of active bookings
  idempotency_conflict,  // an Idempotency-Key reused for a different request
  not_changeable,        // cancelled, or already in the past
  too_large,             // an upload over the size or count limit
};

struct Error {
  ErrorKind kind;
  std::string detail;
  std::vector<FieldError> fields;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string detail, std::vector<FieldError> fields = {}) {
  return tl::unexpected<Error>(Error{kind, std::move(detail), std::move(fields)});
}
inline tl::unexpected<Error> invalid(std::vector<FieldError> fields) {
  return fail(ErrorKind::validation, "The request has invalid fields.", std::move(fields));
}

}  // namespace amt::app
