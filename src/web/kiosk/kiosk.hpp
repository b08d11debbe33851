// The kiosk board in the entrance hall (issue #5): check-in by booking code, emergency tickets and,
// before the Terminpflicht cut-off, walk-in tickets; everyone else is guided to book. Every page
// needs the board's device cookie, set once by opening /kiosk?key=...
#pragma once

#include <string>
#include <vector>

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/i18n.hpp"
#include "app/tickets.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "store/store.hpp"
#include "web/templates.hpp"

namespace amt::web::kiosk {

struct KioskSettings {
  int idle_seconds = 60;         // untouched this long: back to the start, every value wiped
  int health_poll_seconds = 5;   // how often the board asks whether the server is there
  std::vector<std::string> emergency_situations;  // in German; translated by the catalog context
  std::string booking_url = "http://localhost:8080";  // where to book online (told, not linked: a board has no browser bar)
};

struct KioskContext {
  app::Tickets& tickets;
  app::CatalogHolder& catalogs;
  store::Store& store;  // device keys
  const Templates& templates;
  const app::Translations& translations;
  const http::StaticFiles& static_files;
  KioskSettings settings;
  app::Bookings* bookings = nullptr;  // booking at the board (channel kiosk); null: not offered
};

void add_kiosk_routes(http::Router& router, KioskContext& context);

}  // namespace amt::web::kiosk
