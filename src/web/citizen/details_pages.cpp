// The last steps of booking: contact data (/book/{service}/details), check the answers, confirm.
// One POST handler serves all three; the button pressed ("action") says which step is wanted, and
// a "lang" field is a language switch that re-shows the current step with the input kept.
#include <algorithm>

#include "app/secrets.hpp"
#include "http/form.hpp"
#include "web/citizen/anti_bot.hpp"
#include "web/citizen/common.hpp"
#include "web/url.hpp"

namespace amt::web::citizen {

namespace {

constexpr std::array<std::string_view, 5> contact_fields = {"name", "email", "phone", "customer_number",
                                                            "note"};

struct Details {
  const Service* service = nullptr;
  std::string start;
  http::Fields values;  // the contact fields as typed
  std::string altcha;   // the widget's payload, carried from the form to the check page
  std::string wait;     // the no-JavaScript wait token, likewise
};

app::BookingRequest booking_request(const Details& d, const Page& page) {
  app::BookingRequest r;
  r.location_id = d.service->location_id;
  r.service_id = d.service->id;
  r.start = d.start;
  r.contact = {http::field(d.values, "name"), http::field(d.values, "email"), http::field(d.values, "phone")};
  r.customer_number = http::field(d.values, "customer_number");
  r.note = http::field(d.values, "note");
  r.language = page.lang();
  r.channel = Channel::online;
  r.proof = d.altcha.empty() ? d.wait : d.altcha;
  return r;
}

std::string details_path(const Service& s) { return "/book/" + percent_encode(s.id) + "/details"; }

Data common_data(const Page& page, const CatalogSnapshot& snapshot, const Details& d) {
  const auto start = parse_rfc3339(d.start);
  Data data = start ? appointment_data(page, snapshot, *d.service, *start) : Data{};
  data.set("action", details_path(*d.service));
  data.set("start", d.start);
  for (std::string_view f : contact_fields) data.set(std::string(f), http::field(d.values, f));
  return data;
}

// A submitted wait token that is valid or only too early is kept, so the wait does not restart.
std::string usable_wait_token(const CitizenContext& c, const std::string& token) {
  if (!c.proof_of_work || token.empty()) return {};
  const auto checked = c.proof_of_work->verify(token);
  return checked || checked.error().code == "too_early" ? token : std::string();
}

// The contact form, with the messages of errors next to their fields and summarised on top.
http::Response show_form(const CitizenContext& c, const Page& page, const CatalogSnapshot& snapshot,
                         const Details& d, const std::vector<app::FieldError>& errors,
                         std::string_view general_error = {}) {
  Data data = common_data(page, snapshot, d);
  const bool spent = std::any_of(errors.begin(), errors.end(), [](const app::FieldError& e) {
    return e.field == altcha_field && e.code != "too_early";
  });
  add_widget(c, page, data, spent ? std::string() : usable_wait_token(c, d.wait));
  List summary;
  for (const auto& e : errors) {
    const std::string field = form_field(e.field);
    const std::string message = e.field == altcha_field ? proof_message(c, page, e, d.wait) : field_message(page, e);
    if (data.get(field + "_error")) continue;
    data.set(field + "_error", message);
    Data item;
    item.set("field", field);
    item.set("message", message);
    summary.push_back(item);
  }
  data.set("errors", Data{summary});
  data.set("has_errors", !summary.empty() || !general_error.empty());
  data.set("general_error", std::string(general_error));
  data.set("back", "/book/" + percent_encode(d.service->id) + "/time" +
                       query_string({{"date", d.start.substr(0, 10)},
                                     {"cn", http::field(d.values, "customer_number")},
                                     {"sn", http::field(d.values, "name")}}));
  const std::string title = (summary.empty() ? "" : page.t("Error") + ": ") + page.t("Your contact details");
  return page.render(summary.empty() && general_error.empty() ? 200 : 422, "details", title, std::move(data),
                     details_path(*d.service));
}

http::Response show_check(const Page& page, const CatalogSnapshot& snapshot, const Details& d) {
  Data data = common_data(page, snapshot, d);
  data.set("altcha_payload", d.altcha);
  data.set("altcha_wait", d.wait);
  data.set("key", app::random_nonce());  // a double click books once (Idempotency-Key)
  return page.render(200, "check", page.t("Check your answers"), std::move(data), details_path(*d.service));
}

http::Response confirm(CitizenContext& c, const Page& page, const http::Request& http_request,
                       const CatalogSnapshot& snapshot, const Details& d, const std::string& key) {
  auto request = booking_request(d, page);
  if (auto refused = over_limit(c, page, http_request, request.contact)) return std::move(*refused);
  request.idempotency_key = key.size() == 32 ? "web:" + key : std::string();
  auto booked = c.bookings.book(request);
  if (booked) {
    const auto& a = booked->appointment;
    return page.redirect("/manage/" + a.code +
                         query_string({{"token", booked->manage_token}, {"booked", "1"}}));
  }
  const app::Error& error = booked.error();
  if (is_time_problem(error))
    return page.redirect(booking_times_url(d.service->id, d.start.substr(0, 10), request.customer_number,
                                                 request.contact.name));
  if (error.kind == app::ErrorKind::booking_limit)
    return show_form(c, page, snapshot, d, {},
                     page.t("You already have the most open appointments allowed. Please cancel one before "
                            "you book another."));
  if (error.kind == app::ErrorKind::validation) return show_form(c, page, snapshot, d, error.fields);
  return page.message(409, "Something went wrong", "Your appointment was not booked. Please start again.");
}

http::Response get_form(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  Details d;
  d.service = bookable_service(*snapshot, request.param("service"));
  d.start = request.query_param("start").value_or("");
  if (!d.service || !parse_rfc3339(d.start))
    return page.message(404, "Page not found", "This page does not exist. Please start again.");
  d.values.emplace_back("customer_number", request.query_param("cn").value_or(""));
  d.values.emplace_back("name", request.query_param("sn").value_or(""));  // the surname typed before
  return show_form(c, page, *snapshot, d, {});
}

http::Response post_form(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  if (!form)
    return page.message(400, "Please try again", "This form has expired. Please go back and send it again.");
  if (!page.csrf_ok())
    return page.message(403, "Please try again", "This form has expired. Please go back and send it again.");
  const auto snapshot = c.catalogs.current();
  Details d;
  d.service = bookable_service(*snapshot, request.param("service"));
  d.start = http::field(*form, "start");
  if (!d.service || !parse_rfc3339(d.start))
    return page.message(404, "Page not found", "This page does not exist. Please start again.");
  for (std::string_view f : contact_fields) d.values.emplace_back(std::string(f), http::field(*form, f));
  d.altcha = http::field(*form, altcha_field);
  d.wait = http::field(*form, altcha_wait_field);

  const std::string action = http::field(*form, "action");
  const std::string step = http::field(*form, "step");
  if (page.is_language_switch())
    return step == "check" ? show_check(page, *snapshot, d) : show_form(c, page, *snapshot, d, {});
  if (action == "edit") return show_form(c, page, *snapshot, d, {});
  auto r = booking_request(d, page);
  if (auto errors = c.bookings.check(r); !errors.empty()) {
    app::Error error{app::ErrorKind::validation, "", errors};
    if (is_time_problem(error))
      return page.redirect(booking_times_url(d.service->id, d.start.substr(0, 10), r.customer_number,
                                                   r.contact.name));
    return show_form(c, page, *snapshot, d, errors);
  }
  if (action == "confirm") return confirm(c, page, request, *snapshot, d, http::field(*form, "key"));
  return show_check(page, *snapshot, d);
}

}  // namespace

}  // namespace amt::web::citizen

namespace amt::web {

void add_details_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/book/{service}/details", [&c](const http::Request& r) { return get_form(c, r); });
  router.post("/book/{service}/details", [&c](const http::Request& r) { return post_form(c, r); });
}

}  // namespace amt::web
