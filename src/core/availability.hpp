// Free start times and the booking decision for one location, on skill-based capacity:
// a start is free for a service when the appointments already booked plus the new one can still
// be assigned to qualified, working staff, moving not-yet-fixed appointments when that helps.
#pragma once

#include <memory>
#include <vector>

#include <tl/expected.hpp>

#include "core/model.hpp"

namespace amt {

struct Slot {
  Instant start;
  Instant end;
  int capacity;  // how many more bookings this start can still take (>= 1)
};

struct DaySlots {
  LocalDate date;
  std::vector<Slot> slots;  // by start; days without a free slot are left out
};

struct SlotQuery {
  Id service_id;
  LocalDate from;  // inclusive, local days of the location
  LocalDate to;    // inclusive
  Instant now;     // lead time and horizon count from here
  // Empty: any qualified staff member (pool). Otherwise the responsible caseworker and deputies in
  // order; per slot the first one not absent then is the only candidate.
  std::vector<Id> responsible_chain;
};

struct Reassignment {
  Id appointment_id;
  Id from_staff;
  Id to_staff;
};

struct Placement {
  Id staff_id;                      // who takes the new appointment
  std::vector<Reassignment> moves;  // not-yet-fixed appointments moved to make room
};

enum class PlacementError {
  unknown_service,   // not offered at this location
  off_grid,          // start not on the location's slot grid
  outside_window,    // before now + lead time or after the horizon
  closed,            // holiday, closure, or outside opening hours
  no_capacity,       // nobody qualified is free, even after moving others
};
const char* to_string(PlacementError e);

// One location's staff, skills, plans and absences, prepared once per catalog version and then
// shared read-only by all requests (thread-safe for concurrent const use).
class Planner {
 public:
  // held_back_minutes: the emergency reserve per day, never offered nor booked (emergency_reserve.hpp).
  Planner(const Catalog& catalog, const Id& location_id, int held_back_minutes = 0);
  ~Planner();
  Planner(Planner&&) noexcept;
  Planner& operator=(Planner&&) noexcept;

  // appointments: those of this location that hold time (see holds_time) and overlap the query's
  // days; others are ignored.
  std::vector<DaySlots> free_slots(const std::vector<Appointment>& appointments,
                                   const SlotQuery& query) const;

  // The booking path: where a new appointment for service at start goes. appointments: as above,
  // covering at least that day. Never double-books; bounded augmenting-path search (exact when
  // all overlapping appointments share one interval, may refuse in rare mixed-duration cases).
  tl::expected<Placement, PlacementError> place(const std::vector<Appointment>& appointments,
                                                const Id& service_id, Instant start, Instant now,
                                                const std::vector<Id>& responsible_chain) const;

  const Location& location() const;
  Zone zone() const;
  // The emergency reserve's minutes on a day: the configured ones, fewer when too little staffed
  // opening time is left, 0 on closed days.
  int held_back_minutes(LocalDate day) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace amt
