// Absence re-planning (Vertretung): when staff are absent, keep their appointments at the same time
// with qualified colleagues, moving not-yet-fixed appointments when that keeps more of them.
//
// The mathematics, honestly: keeping the most appointments at fixed times under skills is interval
// scheduling with eligibility, NP-hard in general. The planner seeds with augmenting paths (exact
// when all overlapping appointments share one interval and no path needs more than 8 moves), bounds the
// optimum by a bipartite matching per clique of overlapping appointments and by the linear relaxation
// (Lagrangian), re- plans windows of time around appointments not kept, then searches exactly (branch and
// bound) within a node budget, and says whether the plan it returns is proven optimal.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace amt::replan {

// Which appointments may move: a displaced one (its holder is absent, off duty, in a break, not
// qualified, or holds another appointment then in the input) goes to anyone qualified and free,
// or for a responsible service only to the citizen's caseworker and their deputies in order. Of
// the others only booked pool appointments not fixed to their person (staff_fixed) may move, to
// make room; they are never dropped.

// One location's day as it stands, plus the absences to plan for.
struct DayInput {
  Id location_id;
  LocalDate date;  // a local day of the location
  // Appointments of the location starting on that day; others, and those holding no time, are
  // ignored. Finished ones (done) stay where they are and are not listed in the plan.
  std::vector<Appointment> appointments;
  std::vector<Absence> new_absences;  // planned for on top of catalog.absences
};

// How much the exact search may do. The core reads no clock, so the result is reproducible for a
// node budget; a caller who wants a deadline checks its own clock in `stop`.
struct SearchBudget {
  std::int64_t max_nodes = 100'000;
  std::function<bool()> stop;  // polled at the first node and every 1,024; true ends the search
};

enum class Outcome : std::uint8_t { kept, moved, cannot_keep };
const char* to_string(Outcome o);

// One appointment of the plan; a team lead may change to_staff before the plan is applied.
struct PlanEntry {
  Id appointment_id;
  Id from_staff;           // holder before the plan
  Id to_staff;             // holder after it; empty: cannot be kept (the citizen is told)
  bool displaced = false;  // its holder cannot keep it (absent, off duty, in a break, ...)

  Outcome outcome() const;
};

struct Plan {
  Id location_id;
  LocalDate date;
  std::vector<PlanEntry> entries;  // by start time
};

// What the planner knows about its own plan. Tie-breaks, in order, among plans keeping equally
// many appointments: the smaller sum of positions in the Vertretung chain (0 the citizen's own
// caseworker, 1 the first named deputy, ...) over kept displaced appointments of responsible
// services, then fewer moves of appointments that were not displaced.
struct PlanQuality {
  int appointments = 0;  // entries
  int displaced = 0;
  int kept = 0;                     // entries with a holder after the plan
  int upper_bound = 0;              // no valid plan keeps more; equals kept when proven
  int relaxation_bound = 0;         // the relaxations alone (clique matching, linear), before branching
  int seed_kept = 0;                // kept by augmenting paths alone, before the exact search
  bool proven_optimal = false;      // no valid plan keeps more appointments
  bool preferences_proven = false;  // and none keeping as many wins on the tie-breaks
  int deputy_rank_sum = 0;
  int moves = 0;           // appointments not displaced that go to another person
  std::int64_t nodes = 0;  // search nodes (and subgradient rounds) used
};

struct Replanning {
  Plan plan;
  PlanQuality quality;
};

// Throws std::invalid_argument for an unknown location.
Replanning plan_absences(const Catalog& catalog, const DayInput& day, const SearchBudget& budget = {});

// What is wrong with a (possibly edited) plan.
enum class Violation : std::uint8_t {
  unknown_appointment,   // the entry names no appointment of the day
  duplicate_entry,       // two entries for one appointment
  missing_entry,         // an appointment of the day has no entry
  wrong_holder,          // from_staff is not the appointment's holder
  unknown_staff,         // to_staff is not active staff of the location
  not_qualified,         // to_staff lacks the skill for the service
  outside_working_time,  // no shift covers the appointment
  in_break,              // a break touches it
  absent,                // an absence (old or new) touches it
  double_booked,         // to_staff holds another appointment then
  bound_to_person,       // moved, though fixed to its holder who can keep it
  not_a_deputy,          // a responsible service given to someone outside the Vertretung chain
};
const char* to_string(Violation v);

struct PlanViolation {
  Id appointment_id;
  Id staff_id;  // the person the violation is about, if any
  Violation violation;
};

// Empty when the plan can be applied. Throws std::invalid_argument for an unknown location.
std::vector<PlanViolation> validate(const Catalog& catalog, const DayInput& day, const Plan& plan);

}  // namespace amt::replan
