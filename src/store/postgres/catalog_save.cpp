// Replaces the reference data: delete everything (children first), then insert parents before
// the rows that refer to them, so every foreign key is checked as rows arrive.
#include <string>

#include "store/postgres/catalog_rows.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {
namespace {

void insert_ranges(Connection& c, const std::string& sql, const std::string& owner_id, int weekday,
                   const std::vector<TimeRange>& ranges) {
  for (const TimeRange& r : ranges)
    c.query(sql, Params().add(owner_id).add(weekday).add(r.start.minutes).add(r.end.minutes));
}

void insert_location(Connection& c, const Location& l, int position) {
  c.query("INSERT INTO locations (id, position, name, address, phone, time_zone,"
          " terminpflicht_from, slot_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          Params().add(l.id).add(position).add(l.name).add(l.address).add(l.phone).add(l.time_zone)
              .add(format_date(l.terminpflicht_from)).add(l.slot_minutes));
  for (int day = 0; day < 7; ++day)
    insert_ranges(c, "INSERT INTO location_hours (location_id, weekday, start_minute, end_minute)"
                     " VALUES ($1, $2, $3, $4)",
                  l.id, day, l.opening_hours[day]);
  for (LocalDate closed : l.closures)
    c.query("INSERT INTO location_closures (location_id, day) VALUES ($1, $2)",
            Params().add(l.id).add(format_date(closed)));
}

void insert_service(Connection& c, const Service& s, int position) {
  c.query("INSERT INTO services (id, position, location_id, name, group_name, description,"
          " duration_minutes, channels, lead_time_minutes, horizon_days, routing, active)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
          Params().add(s.id).add(position).add(s.location_id).add(s.name).add(s.group).add(s.description)
              .add(s.duration_minutes).add(static_cast<int>(s.channels)).add(s.lead_time_minutes)
              .add(s.horizon_days).add(std::string_view(s.routing == Routing::responsible ? "responsible" : "pool"))
              .add(s.active ? 1 : 0));
  for (std::size_t i = 0; i < s.documents.size(); ++i)
    c.query("INSERT INTO service_documents (service_id, position, document) VALUES ($1, $2, $3)",
            Params().add(s.id).add(static_cast<int>(i)).add(s.documents[i]));
}

void insert_staff(Connection& c, const Staff& s, int position) {
  c.query("INSERT INTO staff (id, position, location_id, name, team, room, active)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
          Params().add(s.id).add(position).add(s.location_id).add(s.name).add(s.team).add(s.room)
              .add(s.active ? 1 : 0));
  for (const Id& service_id : s.skills)
    c.query("INSERT INTO staff_skills (staff_id, service_id) VALUES ($1, $2)", Params().add(s.id).add(service_id));
  for (int day = 0; day < 7; ++day) {
    insert_ranges(c, "INSERT INTO staff_plan (staff_id, weekday, kind, start_minute, end_minute)"
                     " VALUES ($1, $2, 'shift', $3, $4)",
                  s.id, day, s.plan[day].shifts);
    insert_ranges(c, "INSERT INTO staff_plan (staff_id, weekday, kind, start_minute, end_minute)"
                     " VALUES ($1, $2, 'break', $3, $4)",
                  s.id, day, s.plan[day].breaks);
  }
}

// Deputies refer to other staff, so they go in once every person exists.
void insert_deputies(Connection& c, const Staff& s) {
  for (std::size_t i = 0; i < s.deputies.size(); ++i)
    c.query("INSERT INTO staff_deputies (staff_id, position, deputy_id) VALUES ($1, $2, $3)",
            Params().add(s.id).add(static_cast<int>(i)).add(s.deputies[i]));
}

void insert_absence(Connection& c, const Absence& a) {
  c.query("INSERT INTO absences (id, staff_id, from_utc, to_utc, reason) VALUES ($1, $2, $3, $4, $5)",
          Params().add(a.id).add(a.staff_id).add(seconds(a.from)).add(seconds(a.to)).add(a.reason));
}

void insert_rule(Connection& c, const ResponsibilityRule& r, int position) {
  c.query("INSERT INTO responsibility_rules (position, location_id, staff_id,"
          " customer_number_from, customer_number_to, surname_from, surname_to)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
          Params().add(position).add(r.location_id).add(r.staff_id).add(r.customer_number_from)
              .add(r.customer_number_to).add(r.surname_from).add(r.surname_to));
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

}  // namespace amt::store::postgres
