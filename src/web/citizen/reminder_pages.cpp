// The pages behind the links in a reminder (issue #8 item 1), no sign-in: /reminder/{code}/cancel
// shows the appointment with one "Cancel this appointment" button (a form POST, no JavaScript) and
// cancels through the same use case as /manage; /reminder/{code}/stop/{email|sms} stops the
// reminders on one channel. The token in the link is checked by the app in constant time.
#include "app/reminder_messages.hpp"
#include "app/reminders.hpp"
#include "http/form.hpp"
#include "web/citizen/manage.hpp"

namespace amt::web::citizen {
namespace {

std::optional<ReminderChannel> reminder_channel(std::string_view name) {
  if (name == "email") return ReminderChannel::email;
  if (name == "sms") return ReminderChannel::sms;
  return std::nullopt;
}

http::Response reminder_not_found(const Page& page) {
  return page.message(404, "Booking not found",
                      "We found no booking for this link. Please check the link or search with your booking code.");
}

http::Response reminder_expired_form(const Page& page, int status) {
  return page.message(status, "Please try again", "This form has expired. Please go back and send it again.");
}

// The page for a booking the link can no longer change: cancelled already, or begun.
http::Response reminder_unchangeable(const Page& page, const Appointment& a) {
  if (a.status == AppointmentStatus::cancelled)
    return page.message(200, "This appointment is cancelled",
                        "You do not need to do anything more. You can book a new appointment at any time.");
  return page.message(409, "This appointment cannot be changed", "It has already begun or was cancelled.");
}

http::Response reminder_cancel_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const std::string token = request.query_param("token").value_or("");
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const auto& [a, service] = std::get<Found>(found);
  if (a.status != AppointmentStatus::booked || a.start <= c.bookings.now()) return reminder_unchangeable(page, a);
  Data data = appointment_data(page, *snapshot, *service, a.start);
  data.set("code", a.code);
  data.set("action", app::reminder_cancel_path(a.code));
  data.set("token", token);
  data.set("keep", with_token(manage_path(a.code), token));
  return page.render(200, "reminder_cancel", page.t("Cancel your appointment?"), std::move(data),
                     app::reminder_cancel_path(a.code));
}

http::Response reminder_done(const Page& page, std::string_view heading_msgid, std::string_view text_msgid,
                             Data data) {
  data.set("heading", page.t(heading_msgid));
  data.set("text", page.t(text_msgid));
  return page.render(200, "reminder_done", page.t(heading_msgid), std::move(data));
}

http::Response post_reminder_cancel(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  if (!form) return reminder_expired_form(page, 400);
  if (!page.csrf_ok()) return reminder_expired_form(page, 403);
  const std::string token = http::field(*form, "token");
  const std::string code(request.param("code"));
  if (page.is_language_switch()) return page.redirect(with_token(app::reminder_cancel_path(code), token));
  const auto snapshot = c.catalogs.current();
  auto result = c.bookings.cancel(code, token);
  if (!result && result.error().kind == app::ErrorKind::not_changeable) {
    auto current = c.bookings.view(code, token);
    if (current) return reminder_unchangeable(page, *current);
  }
  if (!result) return reminder_not_found(page);
  Data data;
  if (const Service* service = snapshot->catalog.service(result->service_id))
    data.set("summary", appointment_data(page, *snapshot, *service, result->start));
  data.set("book_again", true);
  return reminder_done(page, "Your appointment is cancelled",
                       "The time is free again for someone else. Thank you for telling us.", std::move(data));
}

std::string_view stop_heading(ReminderChannel channel) {
  return channel == ReminderChannel::email ? "No more reminders by e-mail?" : "No more reminders by SMS?";
}

http::Response reminder_stop_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto channel = reminder_channel(request.param("channel"));
  if (!channel || !c.reminders) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  const auto snapshot = c.catalogs.current();
  const std::string token = request.query_param("token").value_or("");
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const auto& [a, service] = std::get<Found>(found);
  Data data = appointment_data(page, *snapshot, *service, a.start);
  data.set("heading", page.t(stop_heading(*channel)));
  data.set("action", app::reminder_stop_path(a.code, *channel));
  data.set("token", token);
  data.set("manage", with_token(manage_path(a.code), token));
  return page.render(200, "reminder_stop", page.t(stop_heading(*channel)), std::move(data),
                     app::reminder_stop_path(a.code, *channel));
}

http::Response post_reminder_stop(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  const auto channel = reminder_channel(request.param("channel"));
  if (!channel || !c.reminders) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  if (!form) return reminder_expired_form(page, 400);
  if (!page.csrf_ok()) return reminder_expired_form(page, 403);
  const std::string token = http::field(*form, "token");
  const std::string code(request.param("code"));
  if (page.is_language_switch()) return page.redirect(with_token(app::reminder_stop_path(code, *channel), token));
  auto result = c.reminders->opt_out(code, token, *channel);
  if (!result) return reminder_not_found(page);
  Data data;
  data.set("manage", with_token(manage_path(result->code), token));
  return reminder_done(page, "Reminders stopped",
                       *channel == ReminderChannel::email
                           ? "You will get no more reminders by e-mail for this appointment. It stays booked."
                           : "You will get no more reminders by SMS for this appointment. It stays booked.",
                       std::move(data));
}

}  // namespace
}  // namespace amt::web::citizen

namespace amt::web {

void add_reminder_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/reminder/{code}/cancel", [&c](const http::Request& r) { return reminder_cancel_page(c, r); });
  router.post("/reminder/{code}/cancel", [&c](const http::Request& r) { return post_reminder_cancel(c, r); });
  router.get("/reminder/{code}/stop/{channel}", [&c](const http::Request& r) { return reminder_stop_page(c, r); });
  router.post("/reminder/{code}/stop/{channel}", [&c](const http::Request& r) { return post_reminder_stop(c, r); });
}

}  // namespace amt::web
