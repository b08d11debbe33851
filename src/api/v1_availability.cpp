// GET /api/v1/availability: free start times per day for one service at one location.
#include <atomic>
#include <optional>

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

app::AvailabilityRequest read_request(const http::Request& request) {
  app::AvailabilityRequest r;
  r.location_id = request.query_param("location").value_or("");
  r.service_id = request.query_param("service").value_or("");
  r.from = request.query_param("from").value_or("");
  r.to = request.query_param("to").value_or("");
  r.customer_number = request.query_param("customer_number").value_or("");
  r.name = request.query_param("surname").value_or("");
  return r;
}

std::string cache_key(const app::AvailabilityRequest& r) {
  return r.location_id + '\x1f' + r.service_id + '\x1f' + r.from + '\x1f' + r.to + '\x1f' + r.customer_number +
         '\x1f' + r.name;
}

// No call blocks: the store and the catalog holder keep their versions in memory, the clock is
// arithmetic. Nothing when the store cannot vouch for its version: then the cache is neither read
// nor filled.
std::optional<AvailabilityCache::Stamp> stamp_now(ApiContext& c) {
  const auto version = c.store.data_version();
  if (!version) return std::nullopt;
  return AvailabilityCache::Stamp{
      *version, c.catalogs.current()->version,
      std::chrono::duration_cast<std::chrono::minutes>(c.bookings.now().time_since_epoch()).count()};
}

http::Response answer_with(AvailabilityCache::Body body) {
  http::Response response = http::Response::json(200, {});
  response.shared_body = std::move(body);
  return response;
}

http::Response cached(AvailabilityCache::Body body, std::atomic<std::uint64_t>& hits) {
  hits.fetch_add(1, std::memory_order_relaxed);
  return answer_with(std::move(body));
}

}  // namespace

void add_availability_routes(http::Router& router, ApiContext& c) {
  auto cache = std::make_shared<AvailabilityCache>();
  auto& hits = c.metrics.counter("amtstermin_availability_cache_hits_total",
                                 "Availability answers served from the cache");
  router.get("/api/v1/availability", [&c, cache, &hits](const http::Request& request) {
    const app::AvailabilityRequest r = read_request(request);
    std::vector<app::FieldError> missing;
    if (r.location_id.empty()) missing.push_back({"location", "required", "Name the location."});
    if (r.service_id.empty()) missing.push_back({"service", "required", "Name the service."});
    if (!missing.empty()) return problem({app::ErrorKind::validation, "The request has invalid fields.", missing});

    const std::string key = cache_key(r);
    const auto stamp = stamp_now(c);
    if (stamp)
      if (auto body = cache->find(key, *stamp)) return cached(std::move(body), hits);

    std::optional<http::Response> refused;
    const auto compute = [&]() -> AvailabilityCache::Body {
      auto answer = c.bookings.availability(r);
      if (!answer) {
        refused = problem(answer.error());
        return nullptr;
      }
      return std::make_shared<const std::string>(render(*answer, r));
    };
    auto body = stamp ? cache->find_or_compute(key, *stamp, compute) : compute();
    if (!body) return std::move(*refused);
    return answer_with(std::move(body));
  });
  // A cached answer is sent from the I/O thread; anything else goes to the workers as above.
  router.fast("GET", "/api/v1/availability", [&c, cache, &hits](const http::Request& request) -> std::optional<http::Response> {
    const app::AvailabilityRequest r = read_request(request);
    if (r.location_id.empty() || r.service_id.empty()) return std::nullopt;
    const auto stamp = stamp_now(c);
    if (!stamp) return std::nullopt;
    if (auto body = cache->find(cache_key(r), *stamp)) return cached(std::move(body), hits);
    return std::nullopt;
  });
}

}  // namespace amt::api
