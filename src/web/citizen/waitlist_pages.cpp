// /waitlist/{id}: a waitlist entry behind its link (issue #8 item 3): the time held for the
// citizen with one "Book this time" button (a form POST, no JavaScript), and leaving the list.
#include "http/form.hpp"
#include "web/citizen/common.hpp"
#include "web/citizen/manage.hpp"
#include "web/url.hpp"

namespace amt::web::citizen {

namespace {

std::string waitlist_path(std::string_view id, std::string_view step = {}) {
  std::string path = "/waitlist/" + percent_encode(id);
  if (!step.empty()) path.append("/").append(step);
  return path;
}

http::Response waitlist_not_found(const Page& page) {
  return page.message(404, "Waitlist entry not found", "We found no waitlist entry for this link. Please check the link.");
}

http::Response waitlist_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const std::string token = request.query_param("token").value_or("");
  auto v = c.waitlist->view(std::string(request.param("id")), token);
  if (!v) return waitlist_not_found(page);
  const auto snapshot = c.catalogs.current();
  const WaitlistEntry& e = v->entry;
  const Service* service = snapshot->catalog.service(e.service_id);
  const bool offered = e.status == WaitlistStatus::offered && v->held && service && e.hold_until &&
                       *e.hold_until > c.bookings.now();
  Data data = offered ? appointment_data(page, *snapshot, *service, v->held->start) : Data();
  data.set("offered", offered);
  data.set("waiting", e.status == WaitlistStatus::waiting);
  data.set("open", e.status == WaitlistStatus::waiting || e.status == WaitlistStatus::offered);
  data.set("closed", e.status != WaitlistStatus::waiting && e.status != WaitlistStatus::offered);
  if (offered) {
    const Zone z = zone_of(*snapshot, e.location_id);
    data.set("held_until", page.translations().format_date(page.lang(), *e.hold_until, z) + " " +
                               page.translations().format_time(*e.hold_until, z));
  }
  data.set("joined", request.query_param("joined").has_value() && e.status == WaitlistStatus::waiting);
  data.set("token", token);
  data.set("accept_action", waitlist_path(e.id, "accept"));
  data.set("leave_action", waitlist_path(e.id, "leave"));
  const std::string heading = offered ? page.t("A time is held for you") : page.t("Your request on the waitlist");
  data.set("heading", heading);
  return page.render(200, "waitlist_view", heading, std::move(data), offered ? waitlist_path(e.id, "accept") : "");
}

// The form's token, or the answer for a form that cannot be used.
std::variant<std::string, http::Response> waitlist_form_token(const Page& page, const std::optional<http::Fields>& form) {
  if (!form || !page.csrf_ok())
    return page.message(form ? 403 : 400, "Please try again", "This form has expired. Please go back and send it again.");
  return http::field(*form, "token");
}

http::Response post_accept(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  auto token = waitlist_form_token(page, form);
  if (auto* response = std::get_if<http::Response>(&token)) return std::move(*response);
  const std::string id(request.param("id"));
  if (page.is_language_switch()) return page.redirect(waitlist_path(id) + query_string({{"token", std::get<std::string>(token)}}));
  auto booked = c.waitlist->accept(id, std::get<std::string>(token));
  if (!booked && booked.error().kind == app::ErrorKind::not_changeable)
    return page.message(409, "This time is no longer held for you",
                        "The offer has ended or the time is booked already. Please choose another time on the booking pages.");
  if (!booked) return waitlist_not_found(page);
  return page.redirect(with_token(manage_path(booked->appointment.code), booked->manage_token, {{"booked", "1"}}));
}

http::Response post_leave(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  auto token = waitlist_form_token(page, form);
  if (auto* response = std::get_if<http::Response>(&token)) return std::move(*response);
  const std::string id(request.param("id"));
  auto left = c.waitlist->leave(id, std::get<std::string>(token));
  if (!left && left.error().kind != app::ErrorKind::not_changeable) return waitlist_not_found(page);
  return page.redirect(waitlist_path(id) + query_string({{"token", std::get<std::string>(token)}}));
}

}  // namespace
}  // namespace amt::web::citizen

namespace amt::web {

void add_waitlist_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/waitlist/{id}", [&c](const http::Request& r) { return waitlist_page(c, r); });
  router.post("/waitlist/{id}/accept", [&c](const http::Request& r) { return post_accept(c, r); });
  router.post("/waitlist/{id}/leave", [&c](const http::Request& r) { return post_leave(c, r); });
}

}  // namespace amt::web
