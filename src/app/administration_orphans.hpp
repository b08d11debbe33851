// Which future appointments a catalog change would orphan (no qualified holder on duty, or no open
// office), and where re-planning puts them. Pure functions over catalogs and appointments.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace amt::app::admin {

struct Orphan {
  Appointment appointment;
  std::string reason;  // service_retired, location_closed, outside_opening_hours, or a replan::Violation
};

// Why `catalog` leaves each of `candidates` (future booked appointments) without a holder or an
// open office, by appointment id. `day_mates` are all appointments holding time on the candidates'
// days (they occupy staff); candidates are among them.
std::map<Id, std::string> problems(const Catalog& catalog, const std::vector<Appointment>& day_mates,
                                   const std::vector<Appointment>& candidates);

// The appointments `after` orphans that `before` did not, by start time.
std::vector<Orphan> orphans(const Catalog& before, const Catalog& after, const std::vector<Appointment>& day_mates,
                            const std::vector<Appointment>& candidates);

// A new holder for an appointment; "" when it cannot be kept.
struct Move {
  Id appointment_id;
  Id to_staff;
};

// Re-plans the days of the orphans under `after`: orphans go to qualified free colleagues (for a
// responsible service: the citizen's caseworker's deputies in order), movable pool appointments may
// make room. Orphans whose reason is about the office or the service cannot be kept. Returns every
// change of holder, and one entry with an empty holder for each orphan that cannot be kept.
std::vector<Move> reassign(const Catalog& after, const std::vector<Appointment>& day_mates,
                           const std::vector<Orphan>& orphans);

}  // namespace amt::app::admin
