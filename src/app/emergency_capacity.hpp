// How much of today's emergency capacity (the staff time held back from booking) emergency
// tickets have used at a location, for the reception page.
#pragma once

#include <optional>
#include <vector>

#include "app/catalog_snapshot.hpp"
#include "store/store.hpp"

namespace amt::app {

struct EmergencyCapacity {
  LocalDate day;
  int held_back_minutes = 0;  // today's reserve (Planner::held_back_minutes)
  int used_minutes = 0;       // service time of today's emergency tickets, running ones up to now
  int emergencies = 0;        // emergency tickets issued today, any status
  int left_minutes() const { return held_back_minutes > used_minutes ? held_back_minutes - used_minutes : 0; }
};

// Minutes a ticket was in service: from each "started" to the next event that ends the service
// (finished, requeued, no-show, transferred, cancelled), or to now while it runs.
// events: one ticket's, oldest first.
Minutes served_minutes(const std::vector<store::TicketEvent>& events, Instant now);

// Empty for a location the snapshot does not know.
std::optional<EmergencyCapacity> emergency_capacity_today(store::Store& store, const CatalogSnapshot& snapshot,
                                                          const Id& location_id, Instant now);

}  // namespace amt::app
