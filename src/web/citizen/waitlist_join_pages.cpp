// /book/{service}/waitlist: the form to ask for a time when none fits (issue #8 item 3), linked
// from the day choice of the booking flow. Errors appear next to their fields, input is kept.
#include <array>

#include "http/form.hpp"
#include "web/citizen/anti_bot.hpp"
#include "web/citizen/common.hpp"
#include "web/url.hpp"

namespace amt::web::citizen {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> join_days = {
    {{"mon", "Monday"}, {"tue", "Tuesday"}, {"wed", "Wednesday"}, {"thu", "Thursday"}, {"fri", "Friday"},
     {"sat", "Saturday"}}};

std::string join_path(const Service& service) { return "/book/" + percent_encode(service.id) + "/waitlist"; }

// The days ticked in the form, as the app's comma list ("" when none).
std::string ticked_days(const http::Fields& form) {
  std::string out;
  for (const auto& [name, value] : form) {
    if (name != "day") continue;
    if (!out.empty()) out += ',';
    out += value;
  }
  return out;
}

http::Response join_form(CitizenContext& c, const Page& page, const Service& service, const http::Fields& values,
                         const std::vector<app::FieldError>& errors) {
  const auto snapshot = c.catalogs.current();
  Data data;
  data.set("service", page.data_text(service.name));
  if (const Location* l = snapshot->catalog.location(service.location_id)) data.set("place", l->name);
  data.set("action", join_path(service));
  data.set("back", "/book/" + percent_encode(service.id) + "/day");
  const std::string ticked = "," + (values.empty() ? std::string("mon,tue,wed,thu,fri") : ticked_days(values)) + ",";
  List days;
  for (const auto& [value, label] : join_days) {
    Data day;
    day.set("value", std::string(value));
    day.set("label", page.t(label));
    day.set("checked", ticked.find("," + std::string(value) + ",") != std::string::npos);
    days.push_back(day);
  }
  data.set("days", Data{days});
  data.set("from", values.empty() ? std::string("08:00") : http::field(values, "from"));
  data.set("to", values.empty() ? std::string("12:00") : http::field(values, "to"));
  for (const char* field : {"name", "email", "phone"}) data.set(field, http::field(values, field));
  List summary;
  for (const auto& e : errors) {
    const std::string field = form_field(e.field);
    if (data.get(field + "_error")) continue;
    data.set(field + "_error", field_message(page, e));
    Data item;
    item.set("field", field);
    item.set("message", field_message(page, e));
    summary.push_back(item);
  }
  data.set("errors", Data{summary});
  data.set("has_errors", !summary.empty());
  const std::string title = (summary.empty() ? "" : page.t("Error") + ": ") + page.t("Ask for a time");
  return page.render(summary.empty() ? 200 : 422, "waitlist_join", title, std::move(data), join_path(service));
}

http::Response join_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const Service* service = bookable_service(*c.catalogs.current(), request.param("service"));
  if (!service) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  return join_form(c, page, *service, {}, {});
}

http::Response post_join(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  const Service* service = bookable_service(*c.catalogs.current(), request.param("service"));
  if (!service) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  if (!form || !page.csrf_ok())
    return page.message(form ? 403 : 400, "Please try again", "This form has expired. Please go back and send it again.");
  if (page.is_language_switch()) return join_form(c, page, *service, *form, {});
  app::WaitlistRequest r;
  r.location_id = service->location_id;
  r.service_id = service->id;
  r.weekdays = ticked_days(*form);
  r.from = http::field(*form, "from");
  r.to = http::field(*form, "to");
  r.contact = {http::field(*form, "name"), http::field(*form, "email"), http::field(*form, "phone")};
  r.language = page.lang();
  if (auto limited = over_limit(c, page, request, r.contact)) return std::move(*limited);
  auto joined = c.waitlist->join(r);
  if (!joined) return join_form(c, page, *service, *form, joined.error().fields);
  return page.redirect("/waitlist/" + joined->entry.id + query_string({{"token", joined->token}, {"joined", "1"}}));
}

}  // namespace
}  // namespace amt::web::citizen

namespace amt::web {

void add_waitlist_join_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/book/{service}/waitlist", [&c](const http::Request& r) { return join_page(c, r); });
  router.post("/book/{service}/waitlist", [&c](const http::Request& r) { return post_join(c, r); });
}

}  // namespace amt::web
