// Loads the Catalog: top-level rows in the admin's order, then their child rows attached by id.
// Child rows come back in a canonical order: opening hours, plans and closures sorted by time,
// skills sorted by id, documents and deputies in their stored position.
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "store/postgres/catalog_rows.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {
namespace {

template <class T>
std::unordered_map<std::string, T*> index_by_id(std::vector<T>& items) {
  std::unordered_map<std::string, T*> out;
  for (T& item : items) out.emplace(item.id, &item);
  return out;
}

template <class T>
T& owner(const std::unordered_map<std::string, T*>& index, const std::string& id) {
  auto it = index.find(id);
  if (it == index.end()) throw std::runtime_error("catalog: row refers to unknown id " + id);
  return *it->second;
}

LocalDate date_column(const Row& q, int column) {
  auto d = parse_date(q.text(column));
  if (!d) throw std::runtime_error("catalog: bad date " + q.text(column));
  return *d;
}

TimeRange range_columns(const Row& q, int first) {
  return {LocalTime{q.integer(first)}, LocalTime{q.integer(first + 1)}};
}

void load_locations(Connection& c, Catalog& out) {
  for (Row q : c.query("SELECT id, name, address, phone, time_zone, terminpflicht_from, slot_minutes"
                   " FROM locations ORDER BY position, id")) {
    Location l;
    l.id = q.text(0);
    l.name = q.text(1);
    l.address = q.text(2);
    l.phone = q.text(3);
    l.time_zone = q.text(4);
    l.terminpflicht_from = date_column(q, 5);
    l.slot_minutes = q.integer(6);
    out.locations.push_back(std::move(l));
  }
  auto index = index_by_id(out.locations);
  for (Row hours : c.query("SELECT location_id, weekday, start_minute, end_minute FROM location_hours"
                       " ORDER BY location_id, weekday, start_minute"))
    owner(index, hours.text(0)).opening_hours.at(hours.integer(1)).push_back(range_columns(hours, 2));
  for (Row closures : c.query("SELECT location_id, day FROM location_closures ORDER BY location_id, day"))
    owner(index, closures.text(0)).closures.push_back(date_column(closures, 1));
}

void load_services(Connection& c, Catalog& out) {
  for (Row q : c.query("SELECT id, location_id, name, group_name, description, duration_minutes, channels,"
                   " lead_time_minutes, horizon_days, routing, active FROM services ORDER BY position, id")) {
    Service s;
    s.id = q.text(0);
    s.location_id = q.text(1);
    s.name = q.text(2);
    s.group = q.text(3);
    s.description = q.text(4);
    s.duration_minutes = q.integer(5);
    s.channels = static_cast<ChannelSet>(q.integer(6));
    s.lead_time_minutes = q.integer(7);
    s.horizon_days = q.integer(8);
    s.routing = q.text(9) == "responsible" ? Routing::responsible : Routing::pool;
    s.active = q.integer(10) != 0;
    out.services.push_back(std::move(s));
  }
  auto index = index_by_id(out.services);
  for (Row docs : c.query("SELECT service_id, document FROM service_documents ORDER BY service_id, position"))
    owner(index, docs.text(0)).documents.push_back(docs.text(1));
}

void load_staff(Connection& c, Catalog& out) {
  for (Row q : c.query("SELECT id, location_id, name, team, room, active FROM staff ORDER BY position, id")) {
    Staff s;
    s.id = q.text(0);
    s.location_id = q.text(1);
    s.name = q.text(2);
    s.team = q.text(3);
    s.room = q.text(4);
    s.active = q.integer(5) != 0;
    out.staff.push_back(std::move(s));
  }
  auto index = index_by_id(out.staff);
  for (Row skills : c.query("SELECT staff_id, service_id FROM staff_skills ORDER BY staff_id, service_id"))
    owner(index, skills.text(0)).skills.push_back(skills.text(1));
  for (Row deputies : c.query("SELECT staff_id, deputy_id FROM staff_deputies ORDER BY staff_id, position"))
    owner(index, deputies.text(0)).deputies.push_back(deputies.text(1));
  for (Row plan : c.query("SELECT staff_id, weekday, kind, start_minute, end_minute FROM staff_plan"
                      " ORDER BY staff_id, weekday, kind, start_minute")) {
    WorkDay& day = owner(index, plan.text(0)).plan.at(plan.integer(1));
    (plan.text(2) == "break" ? day.breaks : day.shifts).push_back(range_columns(plan, 3));
  }
}

void load_absences_and_rules(Connection& c, Catalog& out) {
  for (Row q : c.query("SELECT id, staff_id, from_utc, to_utc, reason FROM absences ORDER BY from_utc, id"))
    out.absences.push_back({q.text(0), q.text(1), instant(q.int64(2)), instant(q.int64(3)), q.text(4)});
  for (Row rules : c.query("SELECT location_id, staff_id, customer_number_from, customer_number_to,"
                       " surname_from, surname_to"
                       " FROM responsibility_rules ORDER BY position"))
    out.responsibility_rules.push_back(
        {rules.text(0), rules.text(1), rules.text(2), rules.text(3), rules.text(4), rules.text(5)});
}

}  // namespace

Catalog load_catalog(Connection& c) {
  Catalog out;
  load_locations(c, out);
  load_services(c, out);
  load_staff(c, out);
  load_absences_and_rules(c, out);
  return out;
}

bool has_catalog(Connection& c) {
  return c.query("SELECT EXISTS (SELECT 1 FROM locations)")[0].text(0) == "t";
}

std::int64_t catalog_version(Connection& c) { return c.query("SELECT n FROM catalog_version")[0].int64(0); }

}  // namespace amt::store::postgres
