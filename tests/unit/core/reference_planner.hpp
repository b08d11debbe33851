// The capacity engine as it was before its speed-ups (day board, Kuhn-style search, free_slots
// and place), kept verbatim in spirit and deliberately unoptimised, so that the fast engine can be
// checked against it on random boards: same days, starts, capacities, staff and moves.
#pragma once

#include <tl/expected.hpp>
#include <vector>

#include "core/availability.hpp"
#include "core/model.hpp"

namespace amt::testing::reference {

std::vector<DaySlots> free_slots(const Catalog& catalog, const Id& location_id,
                                 const std::vector<Appointment>& appointments, const SlotQuery& query,
                                 int held_back_minutes = 0);

tl::expected<Placement, PlacementError> place(const Catalog& catalog, const Id& location_id,
                                              const std::vector<Appointment>& appointments,
                                              const Id& service_id, Instant start, Instant now,
                                              const std::vector<Id>& responsible_chain, int held_back_minutes = 0);

}  // namespace amt::testing::reference
