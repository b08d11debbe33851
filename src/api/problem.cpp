// Maps app::ErrorKind to status codes and problem types.
#include "api/problem.hpp"

#include <boost/json.hpp>

namespace amt::api {

namespace {

struct Kind {
  int status;
  const char* type;
  const char* title;
};

Kind describe(app::ErrorKind kind) {
  using K = app::ErrorKind;
  switch (kind) {
    case K::validation: return {422, "/problems/validation", "Invalid request"};
    case K::not_found: return {404, "/problems/not-found", "Not found"};
    case K::unauthorized: return {401, "/problems/unauthorized", "Manage token required"};
    case K::slot_taken: return {409, "/problems/slot-taken", "Time no longer available"};
    case K::booking_limit: return {409, "/problems/booking-limit", "Too many open bookings"};
    case K::idempotency_conflict:
      return {422, "/problems/idempotency-conflict", "Idempotency-Key reused"};
    case K::not_changeable: return {409, "/problems/not-changeable", "Booking cannot be changed"};
    case K::too_large: return {413, "/problems/too-large", "Upload too large"};
  }
  return {500, "about:blank", "Internal Server Error"};
}

http::Response render(int status, std::string_view type, std::string_view title, std::string_view detail,
                      const std::vector<app::FieldError>* fields) {
  boost::json::object o{{"type", type}, {"title", title}, {"status", status}, {"detail", detail}};
  if (fields) {
    boost::json::array errors;
    for (const auto& f : *fields) errors.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
    o["errors"] = std::move(errors);
  }
  http::Response r{status, {{"Content-Type", "application/problem+json"}}, boost::json::serialize(o)};
  return r;
}

}  // namespace

http::Response problem(const app::Error& error) {
  const Kind k = describe(error.kind);
  auto r = render(k.status, k.type, k.title, error.detail,
                  error.kind == app::ErrorKind::validation ? &error.fields : nullptr);
  if (error.kind == app::ErrorKind::unauthorized) r.set("WWW-Authenticate", "Bearer");
  return r;
}

http::Response malformed_body(std::string_view detail) {
  return render(400, "/problems/malformed-body", "Malformed request body", detail, nullptr);
}

http::Response unsupported_media_type() {
  return render(415, "/problems/unsupported-media-type", "Unsupported media type",
                "Send the body as application/json.", nullptr);
}

}  // namespace amt::api
