// The waitlist in the v1 API (issue #8 item 3): join, see the entry and its offer, accept, leave.
// The entry's token goes in the Authorization header, like a booking's manage token.
#include <boost/json.hpp>

#include "api/bearer.hpp"
#include "api/json_input.hpp"
#include "api/json_output.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "app/contact.hpp"

namespace amt::api {

namespace {

// "weekdays" as a list of day names (["mon", "wed"]) or one comma-separated string.
std::string weekdays_field(const boost::json::object& json, std::vector<app::FieldError>& errors) {
  const auto* value = json.if_contains("weekdays");
  if (!value) return "mon,tue,wed,thu,fri";
  if (value->is_string()) return std::string(value->get_string());
  std::string joined;
  if (value->is_array()) {
    for (const auto& day : value->get_array()) {
      if (!day.is_string()) break;
      if (!joined.empty()) joined += ',';
      joined += day.get_string();
    }
    if (!joined.empty()) return joined;
  }
  errors.push_back({"weekdays", "invalid", "Give a list of days: mon, tue, wed, thu, fri, sat, sun."});
  return {};
}

boost::json::object waitlist_json(const app::WaitlistView& v, const app::CatalogSnapshot& snapshot) {
  const WaitlistEntry& e = v.entry;
  boost::json::array days;
  for (int d = 0; d < 7; ++d)
    if (wants_weekday(e.wish, d)) days.emplace_back(std::string(format_weekdays(static_cast<std::uint8_t>(1u << d))));
  boost::json::object out{{"id", e.id},
                          {"status", to_string(e.status)},
                          {"location", e.location_id},
                          {"service", e.service_id},
                          {"from", format_time(e.wish.from)},
                          {"to", format_time(e.wish.to)},
                          {"language", e.language}};
  out["weekdays"] = std::move(days);
  const Planner* planner = snapshot.planner(e.location_id);
  const Zone z = planner ? planner->zone() : zone("Europe/Berlin");
  out["joined_at"] = format_rfc3339(e.joined_at, z);
  if (e.status == WaitlistStatus::offered && v.held && e.hold_until) {
    out["offer"] = boost::json::object{{"start", format_rfc3339(v.held->start, z)},
                                       {"end", format_rfc3339(v.held->end, z)},
                                       {"held_until", format_rfc3339(*e.hold_until, z)}};
  }
  return out;
}

http::Response join_waitlist(app::Waitlist& waitlist, http::BookingRateLimits* limits, const http::Request& request,
                    Instant now) {
  auto body = json_object_body(request);
  if (auto* response = std::get_if<http::Response>(&body)) return std::move(*response);
  const auto& json = std::get<boost::json::object>(body);
  std::vector<app::FieldError> errors;
  FieldReader fields(json, errors);
  app::WaitlistRequest r;
  r.location_id = fields.string("location");
  r.service_id = fields.string("service");
  r.weekdays = weekdays_field(json, errors);
  if (json.contains("from")) r.from = fields.string("from");
  if (json.contains("to")) r.to = fields.string("to");
  r.language = fields.string("language");
  if (const auto* contact = fields.object("contact")) {
    FieldReader contact_fields(*contact, errors, "contact.");
    r.contact = {contact_fields.string("name"), contact_fields.string("email"), contact_fields.string("phone")};
  }
  if (!errors.empty()) return problem({app::ErrorKind::validation, "The request has invalid fields.", errors});
  if (limits)
    if (auto wait = limits->admit(request.remote_address, app::contact_keys(r.contact.email, r.contact.phone), now))
      return too_many_requests(*wait);
  auto joined = waitlist.join(r);
  if (!joined) return problem(joined.error());
  auto out = waitlist_json({joined->entry, std::nullopt}, *waitlist.catalogs().current());
  out["token"] = joined->token;
  out["link"] = app::waitlist_link(waitlist.policy(), joined->entry);
  auto response = http::Response::json(201, boost::json::serialize(out));
  response.set("Location", "/api/v1/waitlist/" + joined->entry.id);
  return response;
}

}  // namespace

void add_waitlist_routes(http::Router& router, app::Waitlist& waitlist, http::BookingRateLimits* limits,
                         const app::Clock& clock) {
  router.post("/api/v1/waitlist", [&waitlist, limits, &clock](const http::Request& request) {
    return join_waitlist(waitlist, limits, request, clock.now());
  });
  router.get("/api/v1/waitlist/{id}", [&waitlist](const http::Request& request) {
    auto v = waitlist.view(std::string(request.param("id")), bearer_token(request));
    if (!v) return problem(v.error());
    return http::Response::json(200, boost::json::serialize(waitlist_json(*v, *waitlist.catalogs().current())));
  });
  router.post("/api/v1/waitlist/{id}/accept", [&waitlist](const http::Request& request) {
    auto booked = waitlist.accept(std::string(request.param("id")), bearer_token(request));
    if (!booked) return problem(booked.error());
    const Planner* planner = waitlist.catalogs().current()->planner(booked->appointment.location_id);
    auto out = booking_json(booked->appointment, planner ? planner->zone() : zone("Europe/Berlin"));
    out["manage_token"] = booked->manage_token;
    auto response = http::Response::json(201, boost::json::serialize(out));
    response.set("Location", "/api/v1/bookings/" + booked->appointment.code);
    return response;
  });
  router.post("/api/v1/waitlist/{id}/leave", [&waitlist](const http::Request& request) {
    auto left = waitlist.leave(std::string(request.param("id")), bearer_token(request));
    if (!left) return problem(left.error());
    return http::Response::json(200, boost::json::serialize(waitlist_json({*left, std::nullopt},
                                                                          *waitlist.catalogs().current())));
  });
}

}  // namespace amt::api
