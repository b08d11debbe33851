// POST /api/v1/bookings and what the holder of a manage token can do with a booking.
#include <algorithm>

#include <boost/json.hpp>

#include "api/bearer.hpp"
#include "api/json_input.hpp"
#include "api/json_output.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "app/contact.hpp"

namespace amt::api {

namespace {

bool is_printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
}

Zone zone_of(ApiContext& c, const Id& location_id) {
  const auto snapshot = c.catalogs.current();
  const Planner* planner = snapshot->planner(location_id);
  return planner ? planner->zone() : zone("Europe/Berlin");
}

http::Response booking_response(ApiContext& c, const app::Result<Appointment>& result) {
  if (!result) return problem(result.error());
  return http::Response::json(200, boost::json::serialize(booking_json(*result, zone_of(c, result->location_id))));
}

http::Response book(ApiContext& c, const http::Request& request) {
  auto body = json_object_body(request);
  if (auto* response = std::get_if<http::Response>(&body)) return std::move(*response);
  const auto& json = std::get<boost::json::object>(body);

  std::vector<app::FieldError> errors;
  FieldReader fields(json, errors);
  app::BookingRequest r;
  r.location_id = fields.string("location");
  r.service_id = fields.string("service");
  r.start = fields.string("start");
  r.customer_number = fields.string("customer_number");
  r.note = fields.string("note");
  r.language = fields.string("language");
  if (const auto* contact = fields.object("contact")) {
    FieldReader contact_fields(*contact, errors, "contact.");
    r.contact = {contact_fields.string("name"), contact_fields.string("email"), contact_fields.string("phone")};
  }
  r.proof = fields.string("altcha");
  r.idempotency_key = std::string(request.header("idempotency-key"));
  if (!request.header("idempotency-key").empty() &&
      (r.idempotency_key.size() > 255 || !is_printable_ascii(r.idempotency_key)))
    errors.push_back({"Idempotency-Key", "invalid", "Use 1 to 255 printable ASCII characters."});
  if (!errors.empty()) return problem({app::ErrorKind::validation, "The request has invalid fields.", errors});
  if (c.booking_limits)
    if (auto wait = c.booking_limits->admit(request.remote_address, app::contact_keys(r.contact.email, r.contact.phone),
                                            c.bookings.now()))
      return too_many_requests(*wait);

  auto booked = c.bookings.book(r);
  if (!booked) return problem(booked.error());
  auto json_out = booking_json(booked->appointment, zone_of(c, booked->appointment.location_id));
  json_out["manage_token"] = booked->manage_token;
  auto response = http::Response::json(201, boost::json::serialize(json_out));
  response.set("Location", "/api/v1/bookings/" + booked->appointment.code);
  if (booked->replayed) {
    response.set("Idempotent-Replayed", "true");
  } else {
    c.metrics.counter("amtstermin_bookings_total", "Bookings made").fetch_add(1, std::memory_order_relaxed);
  }
  return response;
}

}  // namespace

void add_booking_routes(http::Router& router, ApiContext& c) {
  c.metrics.counter("amtstermin_bookings_total", "Bookings made");
  router.post("/api/v1/bookings", [&c](const http::Request& request) { return book(c, request); });

  router.get("/api/v1/bookings/{code}", [&c](const http::Request& request) {
    return booking_response(c, c.bookings.view(request.param("code"), bearer_token(request)));
  });

  router.post("/api/v1/bookings/{code}/cancel", [&c](const http::Request& request) {
    auto result = c.bookings.cancel(request.param("code"), bearer_token(request));
    if (result && result->status == AppointmentStatus::cancelled)
      c.metrics.counter("amtstermin_cancellations_total", "Bookings cancelled").fetch_add(1);
    return booking_response(c, result);
  });

  router.post("/api/v1/bookings/{code}/reschedule", [&c](const http::Request& request) {
    const std::string token = bearer_token(request);
    if (token.empty()) return problem({app::ErrorKind::unauthorized, "The manage token is missing.", {}});
    auto body = json_object_body(request);
    if (auto* response = std::get_if<http::Response>(&body)) return std::move(*response);
    std::vector<app::FieldError> errors;
    FieldReader fields(std::get<boost::json::object>(body), errors);
    const std::string start = fields.string("start");
    if (!errors.empty()) return problem({app::ErrorKind::validation, "The request has invalid fields.", errors});
    return booking_response(c, c.bookings.reschedule(request.param("code"), token, start));
  });
}

}  // namespace amt::api
