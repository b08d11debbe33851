// Small catalogs for the availability and capacity tests: one Berlin office, staff with weekday
// plans, services, appointments, and an independent checker that a plan is valid.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/availability.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

namespace amt::testing {

inline Zone berlin() { return zone("Europe/Berlin"); }
inline LocalDate day(const char* text) { return *parse_date(text); }
// The capacity offered at start, 0 when no slot starts then.
inline int capacity_at(const std::vector<DaySlots>& days, Instant start) {
  for (const DaySlots& d : days)
    for (const Slot& s : d.slots)
      if (s.start == start) return s.capacity;
  return 0;
}
// "2027-03-15 08:00" on the Berlin wall clock (must be a unique reading).
inline Instant local(const char* date, int hours, int minutes = 0) {
  return resolve(berlin(), at(day(date), hm(hours, minutes))).earliest;
}

// Mon-Fri 08:00-12:00, Thursday also 14:00-18:00; 15-minute grid.
inline Location office() {
  Location l;
  l.id = "mainz";
  l.name = "Bürgerbüro Mainz";
  for (int d = 0; d < 5; ++d) l.opening_hours[static_cast<size_t>(d)] = {{hm(8), hm(12)}};
  l.opening_hours[3].push_back({hm(14), hm(18)});
  l.slot_minutes = 15;
  return l;
}

inline Service service(const char* id, int minutes = 30) {
  Service s;
  s.id = id;
  s.location_id = "mainz";
  s.name = id;
  s.duration_minutes = minutes;
  s.lead_time_minutes = 0;
  s.horizon_days = 400;
  return s;
}

// Works Mon-Fri 08:00-18:00 without breaks unless told otherwise.
inline Staff person(const char* id, std::vector<Id> skills) {
  Staff s;
  s.id = id;
  s.location_id = "mainz";
  s.name = id;
  std::sort(skills.begin(), skills.end());
  s.skills = std::move(skills);
  for (int d = 0; d < 5; ++d) s.plan[static_cast<size_t>(d)].shifts = {{hm(8), hm(18)}};
  return s;
}

inline Appointment booking(const char* id, const char* service, const char* staff, Instant start,
                           int minutes = 30, bool fixed = false) {
  Appointment a;
  a.id = id;
  a.code = id;
  a.location_id = "mainz";
  a.service_id = service;
  a.staff_id = staff;
  a.start = start;
  a.end = start + Minutes{minutes};
  a.staff_fixed = fixed;
  return a;
}

inline Catalog catalog(std::vector<Staff> staff, std::vector<Service> services) {
  Catalog c;
  c.locations = {office()};
  c.staff = std::move(staff);
  c.services = std::move(services);
  return c;
}

inline SlotQuery query(const char* service, const char* from, const char* to, Instant now) {
  return {service, day(from), day(to), now, {}};
}

inline std::vector<Instant> starts(const std::vector<DaySlots>& days) {
  std::vector<Instant> out;
  for (const DaySlots& d : days)
    for (const Slot& s : d.slots) out.push_back(s.start);
  return out;
}

// Whether staff member s is qualified-agnostically able to work [start, end): inside a shift, no
// break touched, not absent. Written without the engine's cells.
bool works(const Catalog& catalog, const Staff& s, Instant start, Instant end);

// Empty when every appointment that holds time sits on a qualified, working, present person who
// holds nothing else at that time; otherwise what is wrong. Written without the engine's cells.
std::string plan_problems(const Catalog& catalog, const std::vector<Appointment>& appointments);

}  // namespace amt::testing
