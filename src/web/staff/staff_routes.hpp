// The staff area (/staff, issue #4): its context, and the ONE staff route table. Every staff route
// is registered through StaffRoutes with exactly one Permission; one gate authenticates the
// session, checks may(roles, permission) and the CSRF token of every POST before any handler runs.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/absences.hpp"
#include "app/administration.hpp"
#include "app/news_desk.hpp"
#include "app/call_feed.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/preparation.hpp"
#include "app/clock.hpp"
#include "app/service_center.hpp"
#include "app/staff_auth.hpp"
#include "app/tickets.hpp"
#include "core/roles.hpp"
#include "http/event_stream.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "web/staff/staff_page.hpp"

namespace amt::web::staff {

inline constexpr std::string_view session_cookie = "amt_staff";
inline constexpr std::string_view sign_in_path = "/staff/sign-in";

struct StaffContext {
  store::Store& store;
  app::StaffAuth& auth;  // sign_in runs argon2id: only ever from route handlers (worker threads)
  const app::Clock& clock;
  StaffSite site;
  bool secure_cookies = false;  // Secure on the session cookie (served over TLS)
  Zone zone = amt::zone("Europe/Berlin");  // the office's zone: days and times on staff pages
  // The service-center console (issue #4 item 3); without them it is not registered.
  app::Bookings* bookings = nullptr;
  app::CatalogHolder* catalogs = nullptr;
  app::ServiceCenter* service_center = nullptr;
  app::Administration* administration = nullptr;  // the administration pages (issue #4 item 4)
  // The floor pages (issue #5): reception and the caseworker's desk; without tickets they are not
  // registered. feed and hub make them live; the server sets them once it runs the call feed.
  app::Tickets* tickets = nullptr;
  app::CallFeed* feed = nullptr;
  http::EventHub* hub = nullptr;
  app::Absences* absences = nullptr;              // absences and their re-planning (issue #7 item 3)
  // The document pre-check and the day view (issue #7); without them they are not registered.
  app::DocumentReviews* reviews = nullptr;
  app::Preparations* preparations = nullptr;
  app::NewsDesk* news_desk = nullptr;  // the news pages (issue #8 item 4); without it they are not registered
};

// What a handler gets once the gate let the request through.
struct StaffRequest {
  const http::Request& http;
  const app::SignedInStaff& staff;
  const http::Fields& form;  // the decoded POST body; empty for GET
  const StaffPage& page;
  std::string_view session_token;
};
using StaffHandler = std::function<http::Response(const StaffRequest&)>;

struct StaffRouteInfo {
  std::string method;
  std::string pattern;
  Permission permission;
};

// A link on the start page, shown to accounts whose roles grant the permission.
struct StaffLink {
  std::string path;
  std::string title_msgid;
  std::string text_msgid;
  Permission permission;
};

class StaffRoutes {
 public:
  StaffRoutes(http::Router& router, StaffContext& context) : router_(router), context_(context) {}

  // The only way to add a staff route: no permission, no route. Patterns start with /staff/.
  void get(std::string pattern, Permission permission, StaffHandler handler);
  void post(std::string pattern, Permission permission, StaffHandler handler);
  void link(StaffLink link) { links_.push_back(std::move(link)); }

  const std::vector<StaffRouteInfo>& table() const { return table_; }
  const std::vector<StaffLink>& links() const { return links_; }
  StaffContext& context() const { return context_; }

 private:
  void add(std::string method, std::string pattern, Permission permission, StaffHandler handler);

  http::Router& router_;
  StaffContext& context_;
  std::vector<StaffRouteInfo> table_;
  std::vector<StaffLink> links_;
};

// The gate itself, for tests: answers the request as the route registered with permission would.
http::Response guard(StaffContext& context, const http::Request& request, Permission permission,
                     const StaffHandler& handler);

// Sign-in and sign-out (sign_in_pages.cpp); the sign-in page is the one public staff route.
void add_sign_in_pages(http::Router& router, StaffRoutes& routes);
void add_home_page(StaffRoutes& routes);   // /staff, links by role
void add_audit_pages(StaffRoutes& routes);  // /staff/audit
namespace console {
void add_search_pages(StaffRoutes& routes);   // /staff/console, /staff/console/book
void add_booking_pages(StaffRoutes& routes);  // /staff/console/find, /staff/console/booking/{code}...
void add_waitlist_pages(StaffRoutes& routes);  // /staff/console/waitlist (issue #8 item 3)
}  // namespace console
namespace admin {
void add_service_pages(StaffRoutes& routes);  // /staff/admin/services, /staff/admin/service/{id}...
void add_staff_member_pages(StaffRoutes& routes);  // /staff/admin/staff, /staff/admin/person/{id}...
void add_location_pages(StaffRoutes& routes);  // /staff/admin/locations, /staff/admin/location/{id}...
void add_import_pages(StaffRoutes& routes);    // /staff/admin/import (staff CSV)
void add_account_pages(StaffRoutes& routes);   // /staff/admin/accounts, /staff/admin/account/{id} (links to staff)
void add_news_pages(StaffRoutes& routes);      // /staff/admin/news, /staff/admin/news-item/{id}... (issue #8)
}  // namespace admin
namespace floor {
void add_reception_pages(StaffRoutes& routes);  // /staff/reception (view_queue)
void add_desk_pages(StaffRoutes& routes);       // /staff/desk (serve_visitors)
}  // namespace floor
void add_absence_pages(StaffRoutes& routes);  // /staff/absences, /staff/absences/plan, /staff/absences/apply
namespace prep {
void add_document_pages(StaffRoutes& routes);  // /staff/documents, /staff/documents/{code}...
void add_day_pages(StaffRoutes& routes);       // /staff/day
}  // namespace prep

// Everything under /staff (the start page reads the links when it is shown, so later
// registrations appear too).
inline void add_staff_pages(http::Router& router, StaffRoutes& routes) {
  add_sign_in_pages(router, routes);
  add_audit_pages(routes);
  if (routes.context().service_center) {
    console::add_search_pages(routes);
    console::add_booking_pages(routes);
    console::add_waitlist_pages(routes);
  }
  if (routes.context().administration) {
    admin::add_service_pages(routes);
    admin::add_staff_member_pages(routes);
    admin::add_location_pages(routes);
    admin::add_import_pages(routes);
    admin::add_account_pages(routes);
  }
  if (routes.context().tickets) {
    floor::add_reception_pages(routes);
    floor::add_desk_pages(routes);
  }
  if (routes.context().news_desk) admin::add_news_pages(routes);
  if (routes.context().absences) add_absence_pages(routes);
  if (routes.context().reviews && routes.context().preparations) {
    prep::add_document_pages(routes);
    prep::add_day_pages(routes);
  }
  add_home_page(routes);
}

// One line per route, "METHOD PATTERN PERMISSION ROLES" (roles comma-separated, "*" for any
// signed-in account): what `amtstermin staff-routes` prints for the table-driven tests.
std::string describe(const std::vector<StaffRouteInfo>& table);

}  // namespace amt::web::staff
