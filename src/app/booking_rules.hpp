// Checks shared by booking and rescheduling: which location, service and start a request means,
// who may take it, and what a refused placement tells the citizen.
#pragma once

#include <string_view>
#include <vector>

#include "app/booking.hpp"

namespace amt::app {

struct Target {
  const Location* location = nullptr;
  const Service* service = nullptr;
  const Planner* planner = nullptr;
  Instant start;
  Instant end;
  std::vector<Id> responsible_chain;  // empty: pool
};

// Validates ids, channel, start and customer number; fields name the request's own fields. The
// contact name reaches the caseworker by surname when no number rule covers the customer number.
Result<Target> resolve_target(const CatalogSnapshot& snapshot, const Id& location_id, const Id& service_id,
                              std::string_view start, std::string_view customer_number, std::string_view name,
                              Channel channel);

// A placement refused by the planner, as the error the citizen sees.
Error placement_error(PlacementError e);

// The appointments the planner looks at to place the target: those overlapping its local day.
std::vector<Appointment> neighbours(store::WriteTx& tx, const Target& target, const Id& except_id = {});

// Applies the moves a placement asks for; throws if an appointment vanished (a broken invariant).
void apply_moves(store::WriteTx& tx, const std::vector<Reassignment>& moves);

}  // namespace amt::app
