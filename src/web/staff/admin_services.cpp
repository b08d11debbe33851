// /staff/admin/services: the services (Anliegen) an admin lists, adds, changes and retires. A
// change that would leave booked appointments without a holder is listed first and applied only
// when the admin confirms reassigning them (issue #4 item 4).
#include "web/staff/admin.hpp"
#include "web/url.hpp"

namespace amt::web::staff::admin {

namespace {

constexpr std::string_view list_path = "/staff/admin/services";

// One service under /staff/admin/service/, so no id can clash with /staff/admin/services/new.
std::string service_path(const Id& id) { return "/staff/admin/service/" + percent_encode(id); }

// A stored service as the form shows it.
http::Fields service_fields(const Service& s) {
  std::string documents;
  for (const std::string& d : s.documents) documents += d + "\n";
  http::Fields f = {{"id", s.id},
                    {"location", s.location_id},
                    {"name", s.name},
                    {"group", s.group},
                    {"description", s.description},
                    {"duration_minutes", std::to_string(s.duration_minutes)},
                    {"lead_time_minutes", std::to_string(s.lead_time_minutes)},
                    {"horizon_days", std::to_string(s.horizon_days)},
                    {"documents", documents},
                    {"routing", s.routing == Routing::responsible ? "responsible" : "pool"}};
  for (Channel c : {Channel::online, Channel::phone, Channel::kiosk})
    if (allows(s.channels, c)) f.emplace_back("channel", to_string(c));
  return f;
}

// What the admin entered as a service; `id` comes from the path when editing.
Service service_from(const http::Fields& form, const Id& id) {
  Service s;
  s.id = id;
  s.location_id = http::field(form, "location");
  s.name = http::field(form, "name");
  s.group = http::field(form, "group");
  s.description = http::field(form, "description");
  s.duration_minutes = number_field(form, "duration_minutes");
  s.lead_time_minutes = number_field(form, "lead_time_minutes");
  s.horizon_days = number_field(form, "horizon_days");
  s.documents = lines_field(form, "documents");
  s.channels = 0;
  for (Channel c : {Channel::online, Channel::phone, Channel::kiosk})
    if (has_value(form, "channel", to_string(c))) s.channels |= static_cast<ChannelSet>(c);
  s.routing = http::field(form, "routing") == "responsible" ? Routing::responsible : Routing::pool;
  return s;
}

http::Response service_form(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const http::Fields& values,
                         const Service* existing, int status, Data data = Data{}) {
  for (const char* f : {"id", "name", "group", "description", "duration_minutes", "lead_time_minutes",
                        "horizon_days", "documents"})
    data.set(f, http::field(values, f));
  const Id location = existing ? existing->location_id : http::field(values, "location");
  List locations;
  for (const Location& l : snapshot.catalog.locations) {
    Data item;
    item.set("id", l.id);
    item.set("name", l.name);
    item.set("selected", l.id == location);
    locations.push_back(item);
  }
  data.set("locations", locations);
  for (Channel c : {Channel::online, Channel::phone, Channel::kiosk})
    data.set(std::string("channel_") + to_string(c), has_value(values, "channel", to_string(c)));
  data.set("responsible", http::field(values, "routing") == "responsible");
  data.set("editing", existing != nullptr);
  data.set("retired", existing != nullptr && !existing->active);
  data.set("action", existing ? service_path(existing->id) : std::string(list_path));
  if (existing) data.set("retire_action", service_path(existing->id) + "/retire");
  const auto title = existing ? r.page.t("Change service") : r.page.t("Add a service");
  return r.page.render(status, "admin_service", title, std::move(data));
}

http::Response service_list(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  List services;
  for (const Service& s : snapshot->catalog.services) {
    const Location* l = snapshot->catalog.location(s.location_id);
    Data item;
    item.set("id", s.id);
    item.set("name", s.name);
    item.set("group", s.group);
    item.set("location", l ? l->name : s.location_id);
    item.set("duration", std::to_string(s.duration_minutes));
    item.set("active", s.active);
    item.set("href", service_path(s.id));
    services.push_back(item);
  }
  Data data;
  data.set("services", services);
  data.set("has_services", !services.empty());
  return r.page.render(200, "admin_services", r.page.t("Services"), std::move(data));
}

http::Response new_service_form(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  http::Fields defaults = service_fields(Service{});
  if (!snapshot->catalog.locations.empty()) defaults.emplace(defaults.begin(), "location", snapshot->catalog.locations.front().id);
  return service_form(r, *snapshot, defaults, nullptr, 200);
}

http::Response add_service(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Service s = service_from(r.form, http::field(r.form, "id"));
  const auto result = c.administration->add_service(actor(r), s);
  const auto form = [&](int status, Data errors) { return service_form(r, *snapshot, r.form, nullptr, status, std::move(errors)); };
  return answer(r, *c.catalogs, result, form, service_path(s.id) + "?saved=1");
}

http::Response service_page(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  const Service* s = snapshot->catalog.service(std::string(r.http.param("id")));
  if (!s) return r.page.message(404, "Not found", "This record does not exist.");
  Data data;
  data.set("saved", r.http.query_param("saved").has_value());
  return service_form(r, *snapshot, service_fields(*s), s, 200, std::move(data));
}

http::Response change_service(StaffContext& c, const StaffRequest& r, bool retire) {
  const auto snapshot = c.catalogs->current();
  const Service* existing = snapshot->catalog.service(std::string(r.http.param("id")));
  if (!existing) return r.page.message(404, "Not found", "This record does not exist.");
  const bool reassign = http::field(r.form, "reassign") == "1";
  Service s = service_from(r.form, existing->id);
  s.active = existing->active;
  s.location_id = existing->location_id;  // a service stays where it is (the form shows it fixed)
  const auto result = retire ? c.administration->retire_service(actor(r), existing->id, reassign)
                             : c.administration->change_service(actor(r), s, reassign);
  const auto form = [&](int status, Data errors) { return service_form(r, *snapshot, r.form, existing, status, std::move(errors)); };
  return answer(r, *c.catalogs, result, form, service_path(existing->id) + "?saved=1");
}

}  // namespace

void add_service_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/admin/services", Permission::administer, [&c](const StaffRequest& r) { return service_list(*c.catalogs, r); });
  routes.get("/staff/admin/services/new", Permission::administer, [&c](const StaffRequest& r) { return new_service_form(*c.catalogs, r); });
  routes.post("/staff/admin/services", Permission::administer, [&c](const StaffRequest& r) { return add_service(c, r); });
  routes.get("/staff/admin/service/{id}", Permission::administer, [&c](const StaffRequest& r) { return service_page(*c.catalogs, r); });
  routes.post("/staff/admin/service/{id}", Permission::administer, [&c](const StaffRequest& r) { return change_service(c, r, false); });
  routes.post("/staff/admin/service/{id}/retire", Permission::administer,
              [&c](const StaffRequest& r) { return change_service(c, r, true); });
  routes.link({"/staff/admin/services", "Services", "Add, change and retire the services citizens can book.",
               Permission::administer});
}

}  // namespace amt::web::staff::admin
