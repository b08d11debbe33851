// GET /api/v1/challenge: a fresh ALTCHA challenge for the widget (web form) and for API clients,
// and the 429 answer of the booking rate limits.
#include <boost/json.hpp>

#include "api/routes.hpp"

namespace amt::api {

http::Response too_many_requests(std::chrono::seconds retry_after) {
  boost::json::object o{{"type", "/problems/rate-limited"},
                        {"title", "Too many booking attempts"},
                        {"status", 429},
                        {"detail", "Too many booking attempts from this address or for this contact. Try again in " +
                                       std::to_string(retry_after.count()) + " seconds."}};
  http::Response r{429, {{"Content-Type", "application/problem+json"}}, boost::json::serialize(o)};
  r.set("Retry-After", std::to_string(retry_after.count()));
  return r;
}

void add_challenge_routes(http::Router& router, ApiContext& c) {
  router.get("/api/v1/challenge", [&c](const http::Request&) {
    if (!c.proof_of_work) return http::Response::problem(404, "Not Found", "This server issues no challenges.");
    const auto challenge = c.proof_of_work->challenge();
    boost::json::object o{{"algorithm", challenge.algorithm}, {"challenge", challenge.challenge},
                          {"maxnumber", challenge.max_number}, {"salt", challenge.salt},
                          {"signature", challenge.signature}};
    auto response = http::Response::json(200, boost::json::serialize(o));
    response.set("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace amt::api
