// `amtstermin ticket ...`: the queue from the command line, through the same use cases as the
// pages (app::Tickets). For operators (a desk whose screen is down) and for tests of the display.
#pragma once

#include <iosfwd>
#include <string>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace amt::web {

struct TicketCommand {
  std::string action;  // "emergency", "check-in", "call-next", "recall"
  std::string location_id;
  std::string staff_id;
  std::string code;       // check-in: the booking code
  std::string ticket_id;  // recall
  bool reception = false; // acting as the emergency desk (may call emergencies)
  // call-next: a desk has one visitor at a time; finish the one the staff member still has first
  // (started if only called) instead of refusing (tests and benchmarks that call in a row).
  bool finish_current = false;
};

// Prints the resulting ticket as one JSON line ({"id","number","status","room"}) or a message on
// err; returns the process exit code (0 done, 1 nothing to do, 2 refused).
int run_ticket_command(const TicketCommand& command, store::Store& store, app::CatalogHolder& catalogs,
                       const app::Clock& clock, std::ostream& out, std::ostream& err);

}  // namespace amt::web
