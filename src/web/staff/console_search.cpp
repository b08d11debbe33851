// /staff/console: search free times by concern (type-ahead through a datalist, a plain list of
// matches without it) from an earliest day or "next free", then book for the caller. The first
// free time gets the focus, so Enter takes it; the booking form starts in the name field.
#include "http/form.hpp"
#include "web/staff/console.hpp"
#include "web/url.hpp"

namespace amt::web::staff::console {

namespace {

constexpr std::size_t slots_shown = 12;

List concern_list(const std::vector<const Service*>& services) {
  List list;
  for (const Service* s : services) {
    Data item;
    item.set("id", s->id);
    item.set("name", s->name);
    item.set("href", "/staff/console" + query_string({{"location", s->location_id}, {"concern", s->id}}));
    list.push_back(item);
  }
  return list;
}

List location_list(const app::CatalogSnapshot& snapshot, const Id& chosen) {
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

http::Response search_page(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto& locations = snapshot->catalog.locations;
  Id location = r.http.query_param("location").value_or("");
  if (!snapshot->catalog.location(location)) location = locations.empty() ? "" : locations.front().id;
  const std::string typed = r.http.query_param("concern").value_or("").substr(0, 120);
  const std::string from = r.http.query_param("from").value_or("").substr(0, 10);
  const auto services = phone_services(*snapshot, location);
  Data data;
  data.set("locations", location_list(*snapshot, location));
  data.set("concerns", concern_list(services));
  data.set("concern", typed);
  data.set("from", from);
  data.set("focus_search", typed.empty());
  const auto matches = match_concern(services, typed);
  if (!typed.empty() && matches.size() != 1) {
    data.set(matches.empty() ? "no_concern" : "several", true);
    data.set("matches", concern_list(matches));
    return r.page.render(matches.empty() ? 404 : 200, "console", r.page.t("Service center"), std::move(data));
  }
  if (matches.size() == 1) {
    const Service& s = *matches.front();
    const bool next_free = r.http.query_param("next").has_value() || from.empty();
    if (!from.empty() && !parse_date(from)) data.set("from_error", true);
    const auto slots = free_slots(*c.bookings, location, s.id, next_free || !parse_date(from) ? "" : from, slots_shown);
    data.set("service", s.name);
    data.set("service_id", s.id);
    data.set("location", location);
    data.set("concern", s.name);
    data.set("slots", slot_choices(r.page, *snapshot, location, slots));
    data.set("has_slots", !slots.empty());
    data.set("searched", true);
  }
  return r.page.render(200, "console", r.page.t("Service center"), std::move(data));
}

struct Chosen {
  const Service* service = nullptr;
  Id location;
  std::string start;
};

Chosen chosen(const app::CatalogSnapshot& snapshot, const http::Fields& fields) {
  Chosen ch;
  ch.location = http::field(fields, "location");
  ch.start = http::field(fields, "start").substr(0, 40);
  const Service* s = snapshot.catalog.service(http::field(fields, "service"));
  if (s && s->location_id == ch.location && parse_rfc3339(ch.start)) ch.service = s;
  return ch;
}

http::Response book_form(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const Chosen& ch,
                         const http::Fields& values, int status, Data data = Data{}) {
  const When w = when(r.page, snapshot, ch.location, *parse_rfc3339(ch.start));
  data.set("service", ch.service->name);
  data.set("service_id", ch.service->id);
  data.set("location", ch.location);
  data.set("start", ch.start);
  data.set("date", w.date);
  data.set("time", w.time);
  for (const char* f : {"name", "phone", "email", "customer_number", "note"}) data.set(f, http::field(values, f));
  data.set("sms", http::field(values, "confirm") == "sms");
  return r.page.render(status, "console_book", r.page.t("Book for the caller"), std::move(data));
}

http::Response get_book(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Chosen ch = chosen(*snapshot, r.http.query);
  if (!ch.service) return r.page.redirect("/staff/console");
  return book_form(r, *snapshot, ch, r.http.query, 200);
}

http::Response post_book(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Chosen ch = chosen(*snapshot, r.form);
  if (!ch.service) return r.page.redirect("/staff/console");
  app::BookingRequest request;
  request.location_id = ch.location;
  request.service_id = ch.service->id;
  request.start = ch.start;
  request.contact = {http::field(r.form, "name"), http::field(r.form, "email"), http::field(r.form, "phone")};
  request.customer_number = http::field(r.form, "customer_number");
  request.note = http::field(r.form, "note");
  request.language = "de";
  const auto confirmation = http::field(r.form, "confirm") == "sms" ? app::Confirmation::sms : app::Confirmation::email;
  auto booked = c.service_center->book(r.staff.account, request, confirmation);
  if (booked) return r.page.redirect(booking_path(booked->appointment.code) + "?booked=1");
  const app::Error& e = booked.error();
  Data data;
  if (e.kind == app::ErrorKind::slot_taken) data.set("taken", true);
  if (e.kind == app::ErrorKind::booking_limit) data.set("limit", true);
  add_field_errors(r.page, data, e.fields);
  const int status = e.kind == app::ErrorKind::validation ? 422 : 409;
  return book_form(r, *snapshot, ch, r.form, status, std::move(data));
}

}  // namespace

void add_search_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/console", Permission::book_for_caller, [&c](const StaffRequest& r) { return search_page(c, r); });
  routes.get("/staff/console/book", Permission::book_for_caller, [&c](const StaffRequest& r) { return get_book(c, r); });
  routes.post("/staff/console/book", Permission::book_for_caller, [&c](const StaffRequest& r) { return post_book(c, r); });
  routes.link({"/staff/console", "Service center", "Find free times, book for callers, find and change bookings.",
               Permission::book_for_caller});
}

}  // namespace amt::web::staff::console
