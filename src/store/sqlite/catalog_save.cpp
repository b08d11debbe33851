// Replaces the reference data: delete everything (children first), then insert parents before
// the rows that refer to them, so every foreign key is checked as rows arrive.
#include <string_view>

#include "store/sqlite/catalog_rows.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {
namespace {

void insert_ranges(Connection& c, std::string_view sql, const std::string& owner_id, int weekday,
                   const std::vector<TimeRange>& ranges) {
  for (const TimeRange& r : ranges) {
    auto q = c.query(sql);
    q.bind(1, owner_id).bind(2, weekday).bind(3, r.start.minutes).bind(4, r.end.minutes);
    q.run();
  }
}

void insert_location(Connection& c, const Location& l, int position) {
  auto q = c.query("INSERT INTO locations (id, position, name, address, phone, time_zone,"
                   " terminpflicht_from, slot_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, l.id).bind(2, position).bind(3, l.name).bind(4, l.address).bind(5, l.phone);
  q.bind(6, l.time_zone).bind(7, format_date(l.terminpflicht_from)).bind(8, l.slot_minutes);
  q.run();
  for (int day = 0; day < 7; ++day)
    insert_ranges(c, "INSERT INTO location_hours (location_id, weekday, start_minute, end_minute)"
                     " VALUES (?1, ?2, ?3, ?4)",
                  l.id, day, l.opening_hours[day]);
  for (LocalDate closed : l.closures) {
    auto cq = c.query("INSERT INTO location_closures (location_id, day) VALUES (?1, ?2)");
    cq.bind(1, l.id).bind(2, format_date(closed));
    cq.run();
  }
}

void insert_service(Connection& c, const Service& s, int position) {
  auto q = c.query("INSERT INTO services (id, position, location_id, name, group_name, description,"
                   " duration_minutes, channels, lead_time_minutes, horizon_days, routing, active)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  q.bind(1, s.id).bind(2, position).bind(3, s.location_id).bind(4, s.name).bind(5, s.group);
  q.bind(6, s.description).bind(7, s.duration_minutes).bind(8, static_cast<int>(s.channels));
  q.bind(9, s.lead_time_minutes).bind(10, s.horizon_days);
  q.bind(11, std::string_view(s.routing == Routing::responsible ? "responsible" : "pool"));
  q.bind(12, s.active ? 1 : 0);
  q.run();
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    auto dq = c.query("INSERT INTO service_documents (service_id, position, document) VALUES (?1, ?2, ?3)");
    dq.bind(1, s.id).bind(2, static_cast<int>(i)).bind(3, s.documents[i]);
    dq.run();
  }
}

void insert_staff(Connection& c, const Staff& s, int position) {
  auto q = c.query("INSERT INTO staff (id, position, location_id, name, team, room, active)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind(1, s.id).bind(2, position).bind(3, s.location_id).bind(4, s.name).bind(5, s.team);
  q.bind(6, s.room).bind(7, s.active ? 1 : 0);
  q.run();
  for (const Id& service_id : s.skills) {
    auto sq = c.query("INSERT INTO staff_skills (staff_id, service_id) VALUES (?1, ?2)");
    sq.bind(1, s.id).bind(2, service_id);
    sq.run();
  }
  for (int day = 0; day < 7; ++day) {
    insert_ranges(c, "INSERT INTO staff_plan (staff_id, weekday, kind, start_minute, end_minute)"
                     " VALUES (?1, ?2, 'shift', ?3, ?4)",
                  s.id, day, s.plan[day].shifts);
    insert_ranges(c, "INSERT INTO staff_plan (staff_id, weekday, kind, start_minute, end_minute)"
                     " VALUES (?1, ?2, 'break', ?3, ?4)",
                  s.id, day, s.plan[day].breaks);
  }
}

// Deputies refer to other staff, so they go in once every person exists.
void insert_deputies(Connection& c, const Staff& s) {
  for (std::size_t i = 0; i < s.deputies.size(); ++i) {
    auto q = c.query("INSERT INTO staff_deputies (staff_id, position, deputy_id) VALUES (?1, ?2, ?3)");
    q.bind(1, s.id).bind(2, static_cast<int>(i)).bind(3, s.deputies[i]);
    q.run();
  }
}

void insert_absence(Connection& c, const Absence& a) {
  auto q = c.query("INSERT INTO absences (id, staff_id, from_utc, to_utc, reason)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, a.id).bind(2, a.staff_id).bind(3, seconds(a.from)).bind(4, seconds(a.to)).bind(5, a.reason);
  q.run();
}

void insert_rule(Connection& c, const ResponsibilityRule& r, int position) {
  auto q = c.query("INSERT INTO responsibility_rules (position, location_id, staff_id,"
                   " customer_number_from, customer_number_to, surname_from, surname_to)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind(1, position).bind(2, r.location_id).bind(3, r.staff_id).bind(4, r.customer_number_from);
  q.bind(5, r.customer_number_to).bind(6, r.surname_from).bind(7, r.surname_to);
  q.run();
}

}  // namespace

void replace_catalog(Connection& c, const Catalog& catalog) {
  c.exec("DELETE FROM responsibility_rules; DELETE FROM absences; DELETE FROM staff_plan;"
         " DELETE FROM staff_deputies; DELETE FROM staff_skills; DELETE FROM staff;"
         " DELETE FROM service_documents; DELETE FROM services; DELETE FROM location_closures;"
         " DELETE FROM location_hours; DELETE FROM locations;");
  int position = 0;
  for (const Location& l : catalog.locations) insert_location(c, l, position++);
  position = 0;
  for (const Service& s : catalog.services) insert_service(c, s, position++);
  position = 0;
  for (const Staff& s : catalog.staff) insert_staff(c, s, position++);
  for (const Staff& s : catalog.staff) insert_deputies(c, s);
  for (const Absence& a : catalog.absences) insert_absence(c, a);
  position = 0;
  for (const ResponsibilityRule& r : catalog.responsibility_rules) insert_rule(c, r, position++);
  c.exec("UPDATE catalog_version SET n = n + 1");
}

}  // namespace amt::store::sqlite
