// GET /api/v1/locations and /api/v1/services: what can be booked where.
#include <boost/json.hpp>

#include "api/json_output.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace amt::api {

namespace {

boost::json::array channel_names(ChannelSet set) {
  boost::json::array out;
  for (Channel c : {Channel::online, Channel::phone, Channel::kiosk})
    if (allows(set, c)) out.push_back(boost::json::string(to_string(c)));
  return out;
}

boost::json::object service_json(const Service& s) {
  boost::json::array documents;
  for (const auto& d : s.documents) documents.push_back(boost::json::string(d));
  return {{"id", s.id},
          {"name", s.name},
          {"group", s.group},
          {"description", s.description},
          {"duration_minutes", s.duration_minutes},
          {"documents", std::move(documents)},
          {"channels", channel_names(s.channels)},
          {"lead_time_minutes", s.lead_time_minutes},
          {"horizon_days", s.horizon_days},
          {"routing", s.routing == Routing::pool ? "pool" : "responsible"}};
}

}  // namespace

void add_catalog_routes(http::Router& router, ApiContext& c) {
  router.get("/api/v1/locations", [&c](const http::Request&) {
    const auto snapshot = c.catalogs.current();
    boost::json::array locations;
    for (const Location& l : snapshot->catalog.locations)
      locations.push_back({{"id", l.id},
                           {"name", l.name},
                           {"address", l.address},
                           {"phone", l.phone},
                           {"time_zone", l.time_zone},
                           {"terminpflicht_from", format_date(l.terminpflicht_from)},
                           {"slot_minutes", l.slot_minutes},
                           {"opening_hours", week_hours_json(l.opening_hours)}});
    return http::Response::json(200, boost::json::serialize(boost::json::object{{"locations", locations}}));
  });

  router.get("/api/v1/services", [&c](const http::Request& request) {
    const auto id = request.query_param("location").value_or("");
    if (id.empty())
      return problem({app::ErrorKind::validation, "The request has invalid fields.",
                      {{"location", "required", "Name the location, e.g. ?location=mainz."}}});
    const auto snapshot = c.catalogs.current();
    if (!snapshot->catalog.location(id)) return problem({app::ErrorKind::not_found, "No such location.", {}});
    boost::json::array services;
    for (const Service& s : snapshot->catalog.services)
      if (s.location_id == id && s.active) services.push_back(service_json(s));
    return http::Response::json(
        200, boost::json::serialize(boost::json::object{{"location", id}, {"services", services}}));
  });
}

}  // namespace amt::api
