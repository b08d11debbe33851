// Registers the citizen pages (booking at /, managing at /manage) and the static files.
#pragma once

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/documents.hpp"
#include "app/waitlist.hpp"
#include "app/reminders.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "web/page.hpp"

namespace amt::web {

struct CitizenContext {
  app::Bookings& bookings;
  app::CatalogHolder& catalogs;
  Site site;
  const app::ProofOfWork* proof_of_work = nullptr;  // null: the booking form asks for no anti-bot proof
  http::BookingRateLimits* booking_limits = nullptr;  // null: no rate limits
  app::Documents* documents = nullptr;  // null: the manage page takes no uploads
  app::Waitlist* waitlist = nullptr;    // null: no /waitlist pages (issue #8 item 3)
  app::Reminders* reminders = nullptr;  // null: the reminders' opt-out pages answer 404
};

void add_static_routes(http::Router& router, const http::StaticFiles& files);
void add_booking_pages(http::Router& router, CitizenContext& context);
void add_details_pages(http::Router& router, CitizenContext& context);
void add_manage_pages(http::Router& router, CitizenContext& context);
void add_document_pages(http::Router& router, CitizenContext& context);  // uploads, calendar file
// For http::ServerOptions::too_large_redirect: the booking page's upload form, sent back to the
// page that says the file is too large instead of a bare 413.
std::optional<std::string> too_large_upload_redirect(std::string_view method, std::string_view target);
void add_news_pages(http::Router& router, CitizenContext& context);  // when site.news is set
void add_app_pages(http::Router& router, CitizenContext& context);   // manifest, /sw.js, /offline
void add_waitlist_pages(http::Router& router, CitizenContext& context);  // /waitlist/{id}: offer, accept, leave
void add_waitlist_join_pages(http::Router& router, CitizenContext& context);  // /book/{service}/waitlist
void add_reminder_pages(http::Router& router, CitizenContext& context);  // one-tap cancel, opt-out (issue #8)

inline void add_citizen_routes(http::Router& router, CitizenContext& context) {
  add_static_routes(router, context.site.static_files);
  add_booking_pages(router, context);
  add_details_pages(router, context);
  add_manage_pages(router, context);
  add_document_pages(router, context);
  add_news_pages(router, context);
  add_app_pages(router, context);
  if (context.waitlist) add_waitlist_pages(router, context);
  if (context.waitlist) add_waitlist_join_pages(router, context);
  add_reminder_pages(router, context);
}

// The stylesheets compiled into the binary, registered under their file names.
void add_builtin_static_files(http::StaticFiles& files);

}  // namespace amt::web
