// Registers the JSON API (v1) and the operations endpoints on a router.
#pragma once

#include <string>

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/documents.hpp"
#include "app/news.hpp"
#include "app/waitlist.hpp"
#include "http/metrics.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace amt::api {

struct ApiContext {
  app::Bookings& bookings;
  app::CatalogHolder& catalogs;
  store::Store& store;
  http::Metrics& metrics;
  app::Documents* documents = nullptr;  // uploads; no routes without it
  const app::ProofOfWork* proof_of_work = nullptr;  // issues challenges (bookings check via app::Bookings)
  http::BookingRateLimits* booking_limits = nullptr;  // null: no rate limits
};

void add_operations_routes(http::Router& router, ApiContext& context);
void add_catalog_routes(http::Router& router, ApiContext& context);
void add_availability_routes(http::Router& router, ApiContext& context);
void add_booking_routes(http::Router& router, ApiContext& context);
void add_document_routes(http::Router& router, ApiContext& context);
void add_challenge_routes(http::Router& router, ApiContext& context);
// 429 with Retry-After when a booking attempt exceeds a per-IP or per-contact limit (problem+json).
http::Response too_many_requests(std::chrono::seconds retry_after);

inline void add_routes(http::Router& router, ApiContext& context) {
  add_operations_routes(router, context);
  add_catalog_routes(router, context);
  add_availability_routes(router, context);
  add_booking_routes(router, context);
  if (context.documents) add_document_routes(router, context);
  add_challenge_routes(router, context);
}

// GET /api/v1/news (issue #8), registered on its own so ApiContext stays as it is.
void add_news_routes(http::Router& router, app::NewsBoard& news);

// The waitlist (issue #8 item 3): POST /api/v1/waitlist, GET /api/v1/waitlist/{id}, and .../accept
// and .../leave with the entry's token as bearer. Joining counts against the booking rate limits.
void add_waitlist_routes(http::Router& router, app::Waitlist& waitlist, http::BookingRateLimits* limits,
                         const app::Clock& clock);

const std::string& openapi_document();  // docs/openapi.yaml, compiled in

}  // namespace amt::api
