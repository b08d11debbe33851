// /staff/console/waitlist: the waitlist of one location for the service center (issue #8 item 3),
// in join order: who waits for which concern and hours, and which time is held for whom. It shows
// no contact data (the offer reaches the citizen by itself), so reading it needs no audit entry.
#include <array>

#include "app/waitlist.hpp"
#include "web/staff/console.hpp"
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff::console {

namespace {

std::string waitlist_local_time(Zone zone, Instant t) {
  const auto local = to_local(zone, t);
  const auto day = std::chrono::floor<date::days>(local);
  return format_date(day) + " " +
         format_time(LocalTime{static_cast<int>(std::chrono::duration_cast<Minutes>(local - day).count())});
}

List waitlist_locations(const app::CatalogSnapshot& snapshot, const Id& chosen) {
  List list;
  for (const Location& l : snapshot.catalog.locations) {
    Data item;
    item.set("id", l.id);
    item.set("name", l.name);
    item.set("selected", l.id == chosen);
    list.push_back(item);
  }
  return list;
}

Data waitlist_row(const StaffPage& page, const app::CatalogSnapshot& snapshot, const WaitlistEntry& e, int place,
                  Zone zone, const std::optional<Appointment>& held) {
  static constexpr std::array<std::string_view, 7> day_names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  Data row;
  row.set("place", std::to_string(place));
  const Service* service = snapshot.catalog.service(e.service_id);
  row.set("service", service ? service->name : e.service_id);  // staff read the catalog in German
  std::string days;
  for (int d = 0; d < 7; ++d) {
    if (!wants_weekday(e.wish, d)) continue;
    if (!days.empty()) days += ", ";
    days += page.t(day_names[static_cast<size_t>(d)]);
  }
  row.set("days", days);
  row.set("hours", format_time(e.wish.from) + "–" + format_time(e.wish.to));
  row.set("joined", waitlist_local_time(zone, e.joined_at));
  row.set("offered", e.status == WaitlistStatus::offered);
  if (held && e.hold_until) {
    row.set("held_time", waitlist_local_time(zone, held->start));
    row.set("held_until", waitlist_local_time(zone, *e.hold_until));
  }
  return row;
}

http::Response waitlist_page(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto& locations = snapshot->catalog.locations;
  Id location = r.http.query_param("location").value_or("");
  if (!snapshot->catalog.location(location)) location = locations.empty() ? "" : locations.front().id;
  const Planner* planner = snapshot->planner(location);
  const Zone zone = planner ? planner->zone() : c.zone;
  List rows;
  int place = 0;
  const auto entries = location.empty() ? std::vector<WaitlistEntry>{} : c.store.open_waitlist_entries(location);
  for (const WaitlistEntry& e : entries)
    rows.push_back(waitlist_row(r.page, *snapshot, e, ++place, zone, app::held_appointment(c.store, *snapshot, e)));
  Data data;
  data.set("locations", waitlist_locations(*snapshot, location));
  data.set("entries", Data{rows});
  data.set("has_entries", place > 0);
  return r.page.render(200, "console_waitlist", r.page.t("Waitlist"), std::move(data));
}

}  // namespace

void add_waitlist_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/console/waitlist", Permission::book_for_caller,
             [&c](const StaffRequest& r) { return waitlist_page(c, r); });
  routes.link({"/staff/console/waitlist", "Waitlist",
               "Who waits for a freed time, in the order they asked, and which times are held for them.",
               Permission::book_for_caller});
}

}  // namespace amt::web::staff::console
