// The staff area as one object: its templates, the sign-in use cases, the context and the route
// table, registered on a router. `amtstermin serve` and `amtstermin staff-routes` build it the
// same way, so the printed table is the one the server enforces.
#pragma once

#include <memory>

#include "app/administration.hpp"
#include "app/news_desk.hpp"
#include "app/preparation.hpp"
#include "app/service_center.hpp"
#include "app/staff_auth.hpp"
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff {

struct StaffSettings {
  app::SignInPolicy policy;
  bool secure_cookies = false;
  std::string public_url;  // for the links in mails the administration pages cause
  app::TicketPolicy tickets;  // the floor pages (reception alarm)
  app::PrecheckSettings precheck;  // the document pre-check (issue #7)
  app::SocialSettings social;      // what publishing news queues (issue #8 item 4)
};

class StaffArea {
 public:
  // bookings and catalogs: for the service-center console; null leaves it out (tests of the gate).
  StaffArea(store::Store& store, const app::Clock& clock, const http::Csrf& csrf,
            const http::StaticFiles& static_files, http::Router& router, const StaffSettings& settings,
            app::Bookings* bookings = nullptr, app::CatalogHolder* catalogs = nullptr)
      : templates_(builtin_template_sources(), builtin_translations()),
        auth_(store, settings.policy),
        context_{store, auth_, clock, {builtin_translations(), templates_, csrf, static_files}, settings.secure_cookies},
        routes_(router, context_) {
    if (bookings && catalogs) {
      service_center_ = std::make_unique<app::ServiceCenter>(store, *catalogs, *bookings, clock);
      context_.bookings = bookings;
      context_.catalogs = catalogs;
      context_.service_center = service_center_.get();
      administration_ = std::make_unique<app::Administration>(store, *catalogs, clock, admin_policy(settings));
      context_.administration = administration_.get();
      tickets_ = std::make_unique<app::Tickets>(store, *catalogs, clock, settings.tickets);
      context_.tickets = tickets_.get();
      absences_ = std::make_unique<app::Absences>(store, *catalogs, clock, app::AbsencePolicy{settings.public_url});
      context_.absences = absences_.get();
      reviews_ = std::make_unique<app::DocumentReviews>(store, *catalogs, *bookings, clock, settings.precheck);
      preparations_ = std::make_unique<app::Preparations>(store, *catalogs, *reviews_, clock);
      context_.reviews = reviews_.get();
      context_.preparations = preparations_.get();
      news_desk_ = std::make_unique<app::NewsDesk>(store, clock, settings.social);
      context_.news_desk = news_desk_.get();
    }
    add_staff_pages(router, routes_);
  }
  StaffArea(const StaffArea&) = delete;
  StaffArea& operator=(const StaffArea&) = delete;

  const StaffRoutes& routes() const { return routes_; }
  StaffContext& context() { return context_; }
  // Makes the floor pages live: their event streams follow the queue through the call feed.
  void go_live(app::CallFeed& feed, http::EventHub& hub) {
    context_.feed = &feed;
    context_.hub = &hub;
  }
  app::DocumentReviews* reviews() { return reviews_.get(); }  // null without bookings and catalogs
  app::NewsDesk* news_desk() { return news_desk_.get(); }     // null without bookings and catalogs

 private:
  static app::AdminPolicy admin_policy(const StaffSettings& settings) {
    app::AdminPolicy policy;
    policy.public_url = settings.public_url;
    return policy;
  }

  Templates templates_;
  app::StaffAuth auth_;
  std::unique_ptr<app::ServiceCenter> service_center_;
  std::unique_ptr<app::Administration> administration_;
  std::unique_ptr<app::Tickets> tickets_;
  std::unique_ptr<app::Absences> absences_;
  std::unique_ptr<app::DocumentReviews> reviews_;
  std::unique_ptr<app::Preparations> preparations_;
  std::unique_ptr<app::NewsDesk> news_desk_;
  StaffContext context_;
  StaffRoutes routes_;
};

}  // namespace amt::web::staff
