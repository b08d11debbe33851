// GET /api/v1/availability: free start times per day for one service at one location.
#include <boost/json.hpp>

#include "api/availability_cache.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace amt::api {

namespace {

std::string render(const app::AvailabilityAnswer& a, const app::AvailabilityRequest& r) {
  boost::json::array days;
  for (const DaySlots& d : a.days) {
    boost::json::array slots;
    for (const Slot& s : d.slots)
      slots.push_back({{"start", format_rfc3339(s.start, a.zone)},
                       {"end", format_rfc3339(s.end, a.zone)},
                       {"capacity", s.capacity}});
    days.push_back({{"date", format_date(d.date)}, {"slots", std::move(slots)}});
  }
  return boost::json::serialize(boost::json::object{{"location", r.location_id},
                                                    {"service", r.service_id},
                                                    {"from", format_date(a.from)},
                                                    {"to", format_date(a.to)},
                                                    {"days", std::move(days)}});
}

}  // namespace

void add_availability_routes(http::Router& router, ApiContext& c) {
  auto cache = std::make_shared<AvailabilityCache>();
  router.get("/api/v1/availability", [&c, cache](const http::Request& request) {
    app::AvailabilityRequest r;
    r.location_id = request.query_param("location").value_or("");
    r.service_id = request.query_param("service").value_or("");
    r.from = request.query_param("from").value_or("");
    r.to = request.query_param("to").value_or("");
    r.customer_number = request.query_param("customer_number").value_or("");
    std::vector<app::FieldError> missing;
    if (r.location_id.empty()) missing.push_back({"location", "required", "Name the location."});
    if (r.service_id.empty()) missing.push_back({"service", "required", "Name the service."});
    if (!missing.empty()) return problem({app::ErrorKind::validation, "The request has invalid fields.", missing});

    const std::string key = r.location_id + '\x1f' + r.service_id + '\x1f' + r.from + '\x1f' + r.to + '\x1f' +
                            r.customer_number;
    const AvailabilityCache::Stamp stamp{
        c.store.data_version(),
        std::chrono::duration_cast<std::chrono::minutes>(c.bookings.now().time_since_epoch()).count()};
    if (auto body = cache->find(key, stamp)) return http::Response::json(200, std::move(*body));

    auto answer = c.bookings.availability(r);
    if (!answer) return problem(answer.error());
    std::string body = render(*answer, r);
    cache->put(key, stamp, body);
    return http::Response::json(200, std::move(body));
  });
}

}  // namespace amt::api
