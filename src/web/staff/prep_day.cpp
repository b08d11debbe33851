// /staff/day: the caseworker's day view (issue #7 item 2). Today's and tomorrow's appointments in
// time order with everything needed to prepare the talk; team leads see their team and how many are
// prepared. "Open the next appointment" is a plain link with an access key (works without script).
#include "web/staff/prep.hpp"
#include "web/url.hpp"

namespace amt::web::staff::prep {

namespace {

Data entry_data(const StaffRequest& r, const app::DayView& view, const app::DayEntry& e, bool is_next) {
  const Appointment& a = e.appointment;
  const app::CatalogSnapshot& snapshot = *view.snapshot;
  Data d = console::booking_data(r.page, snapshot, a);
  d.set("anchor", "a-" + a.code);
  d.set("href", review_path(a.code));
  d.set("staff", e.staff ? e.staff->name : std::string());
  d.set("docs", states_data(r.page, e.states, a.code));
  d.set("prep", preparation_data(e.preparation, a.code, "day"));
  d.set("is_next", is_next);
  List visits;
  for (const Appointment& v : e.earlier_visits) {
    const console::When w = console::when(r.page, snapshot, v.location_id, v.start);
    const Service* s = snapshot.catalog.service(v.service_id);
    Data item;
    item.set("date", w.date);
    item.set("service", s ? s->name : v.service_id);
    item.set("status", console::status_text(r.page, v.status));
    visits.push_back(item);
  }
  d.set("visits", Data{visits});
  d.set("has_visits", !visits.empty());
  return d;
}

http::Response day_page(StaffContext& c, const StaffRequest& r) {
  const app::DayFilter filter{r.http.query_param("location").value_or("").substr(0, 64),
                              r.http.query_param("team").value_or("").substr(0, 64)};
  const auto view = c.preparations->day(r.staff.account, filter);
  if (!view) return r.page.message(404, "Page not found", "There is no location with this name that you may see.");
  const Location* location = view->snapshot->catalog.location(view->location);
  const Zone z = amt::zone(location ? location->time_zone : "Europe/Berlin");
  const LocalDate tomorrow = view->today + date::days{1};
  List today_list, tomorrow_list;
  for (std::size_t i = 0; i < view->entries.size(); ++i) {
    const auto& e = view->entries[i];
    Data d = entry_data(r, *view, e, view->next == i);
    (local_date(z, e.appointment.start) == tomorrow ? tomorrow_list : today_list).push_back(d);
  }
  const app::Translations& tr = app::Translations::builtin();
  List days;
  const auto add_day = [&](const List& entries, std::string_view msgid, LocalDate day) {
    Data d;
    d.set("heading", r.page.t(msgid) + ", " + tr.format_date(r.page.lang(), day));
    d.set("entries", Data{entries});
    days.push_back(d);
  };
  add_day(today_list, "Today", view->today);
  add_day(tomorrow_list, "Tomorrow", tomorrow);
  Data data;
  data.set("days", Data{days});
  data.set("whole_team", view->whole_team);
  data.set("team", view->team);
  data.set("prepared_count", std::to_string(view->prepared));
  data.set("total_count", std::to_string(view->entries.size()));
  if (view->next) data.set("next_href", review_path(view->entries[*view->next].appointment.code));
  if (r.http.query_param("prepared")) data.set("just_prepared", true);
  return r.page.render(200, "day", r.page.t("Day view"), std::move(data));
}

}  // namespace

void add_day_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/day", Permission::serve_visitors, [&c](const StaffRequest& r) { return day_page(c, r); });
  routes.link({"/staff/day", "Day view", "Today's and tomorrow's appointments, prepared before the talk.",
               Permission::serve_visitors});
}

}  // namespace amt::web::staff::prep
