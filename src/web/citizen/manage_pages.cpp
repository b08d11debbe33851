// /manage: find a booking (code + e-mail or mobile), see it, cancel it (with a confirmation step)
// or move it to another free time. The manage token (from the link, or from the contact lookup)
// travels in the links; the app checks it on every step.
#include "app/contact.hpp"
#include "http/form.hpp"
#include "app/qr.hpp"
#include "web/citizen/manage.hpp"
#include "web/url.hpp"

namespace amt::web::citizen {

std::string manage_path(std::string_view code, std::string_view step) {
  std::string path = "/manage/" + percent_encode(code);
  if (!step.empty()) path.append("/").append(step);
  return path;
}

std::string with_token(std::string path, const std::string& token, http::Fields more) {
  more.insert(more.begin(), {"token", token});
  return path + query_string(more);
}

std::variant<Found, http::Response> find_booking(CitizenContext& c, const Page& page, std::string_view code,
                                                 const std::string& token, const CatalogSnapshot& snapshot) {
  auto a = c.bookings.view(code, token);
  const Service* service = a ? snapshot.catalog.service(a->service_id) : nullptr;
  if (!a || !service)
    return page.message(
        404, "Booking not found",
        "We found no booking for this link. Please check the link or search with your booking code.");
  return Found{std::move(*a), service};
}

http::Response booking_view(CitizenContext& c, const Page& page, const CatalogSnapshot& snapshot,
                            const Found& found, const std::string& token, const BookingNotes& notes) {
  const Appointment& a = found.appointment;
  Data data = appointment_data(page, snapshot, *found.service, a.start);
  data.set("code", a.code);
  data.set("booked", notes.booked);
  data.set("moved", notes.moved);
  data.set("cancelled", a.status == AppointmentStatus::cancelled);
  const bool changeable = a.status == AppointmentStatus::booked && a.start > c.bookings.now();
  data.set("changeable", changeable);
  data.set("manage_link", with_token(manage_path(a.code), token));
  data.set("cancel_link", with_token(manage_path(a.code, "cancel"), token));
  data.set("move_link", with_token(manage_path(a.code, "day"), token));
  if (a.status != AppointmentStatus::cancelled) {
    // The code as a QR code, for the kiosk's check-in scanner; the calendar file for the phone.
    data.set("qr", app::qr_svg(a.code, page.t("Your booking code as a QR code:") + " " + a.code));
    data.set("ics_link", with_token(manage_path(a.code, "calendar.ics"), token));
  }
  data.set("docs", documents_data(c, page, found, token, notes));
  const std::string title = notes.booked ? page.t("Your appointment is booked") : page.t("Your appointment");
  if (!notes.file_error.empty()) return page.render(422, "manage_view", page.t("Error") + ": " + title, std::move(data));
  return page.render(200, "manage_view", title, std::move(data));
}

namespace {

http::Response find_form(const Page& page, const http::Fields& values, bool not_found) {
  Data data;
  data.set("code", http::field(values, "code"));
  data.set("contact", http::field(values, "contact"));
  data.set("not_found", not_found);
  const std::string title = (not_found ? page.t("Error") + ": " : "") + page.t("Find your booking");
  return page.render(not_found ? 404 : 200, "manage_find", title, std::move(data), "/manage");
}

http::Response post_find(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  if (!form)
    return page.message(400, "Please try again", "This form has expired. Please go back and send it again.");
  if (!page.csrf_ok())
    return page.message(403, "Please try again", "This form has expired. Please go back and send it again.");
  if (page.is_language_switch()) return find_form(page, *form, false);
  std::string code = http::field(*form, "code");
  for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto access = c.bookings.access_by_contact(code, http::field(*form, "contact"));
  if (!access) return find_form(page, *form, true);
  return page.redirect(with_token(manage_path(app::trim(code)), *access));
}

http::Response view(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const std::string token = request.query_param("token").value_or("");
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  BookingNotes notes;
  notes.booked = request.query_param("booked").has_value();
  notes.moved = request.query_param("moved").has_value();
  notes.uploaded = request.query_param("uploaded").has_value();
  return booking_view(c, page, *snapshot, std::get<Found>(found), token, notes);
}

// GET /manage: the search form; with code and token (the link in the mails) straight to the booking.
http::Response find_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto code = request.query_param("code");
  const auto token = request.query_param("token");
  if (code && token && !code->empty() && !token->empty()) return page.redirect(with_token(manage_path(*code), *token));
  return find_form(page, request.query, false);
}

http::Response cancel_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const std::string token = request.query_param("token").value_or("");
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const auto& [a, service] = std::get<Found>(found);
  Data data = appointment_data(page, *snapshot, *service, a.start);
  data.set("action", manage_path(a.code, "cancel"));
  data.set("token", token);
  data.set("back", with_token(manage_path(a.code), token));
  return page.render(200, "manage_cancel", page.t("Cancel your appointment?"), std::move(data));
}

http::Response post_cancel(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  const std::string token = form ? http::field(*form, "token") : std::string();
  const std::string code(request.param("code"));
  if (!form)
    return page.message(400, "Please try again", "This form has expired. Please go back and send it again.");
  if (!page.csrf_ok())
    return page.message(403, "Please try again", "This form has expired. Please go back and send it again.");
  if (page.is_language_switch()) return page.redirect(with_token(manage_path(code, "cancel"), token));
  auto result = c.bookings.cancel(code, token);
  if (!result && result.error().kind == app::ErrorKind::not_changeable)
    return page.message(409, "This appointment cannot be changed", "It has already begun or was cancelled.");
  if (!result)
    return page.message(
        404, "Booking not found",
        "We found no booking for this link. Please check the link or search with your booking code.");
  return page.redirect(with_token(manage_path(code), token));
}

app::AvailabilityRequest availability_request(const Appointment& a) {
  app::AvailabilityRequest r;
  r.location_id = a.location_id;
  r.service_id = a.service_id;
  r.customer_number = a.customer_number;
  return r;
}

ChoiceLinks move_links(const std::string& code, const std::string& token) {
  return {
      [=](std::string_view from) {
        return with_token(manage_path(code, "day"), token, {{"from", std::string(from)}});
      },
      [=](std::string_view date) {
        return with_token(manage_path(code, "time"), token, {{"date", std::string(date)}});
      },
      [=](std::string_view start) {
        return with_token(manage_path(code, "move"), token, {{"start", std::string(start)}});
      },
  };
}

// Day list (step "day"), time list (step "time"), or the confirmation of the move (step "move").
http::Response move_page(CitizenContext& c, const http::Request& request, std::string_view step) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  const std::string token = request.query_param("token").value_or("");
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const auto& [a, service] = std::get<Found>(found);
  const auto links = move_links(a.code, token);
  auto r = availability_request(a);
  if (step == "day") {
    r.from = request.query_param("from").value_or("");
    return day_choice(c, page, r, *service, links, with_token(manage_path(a.code), token));
  }
  if (step == "time") {
    r.from = request.query_param("date").value_or("");
    return time_choice(c, page, r, *service, links, request.query_param("taken").has_value());
  }
  const std::string start = request.query_param("start").value_or("");
  const auto new_start = parse_rfc3339(start);
  if (!new_start) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  Data data;
  data.set("old", appointment_data(page, *snapshot, *service, a.start));
  data.set("new", appointment_data(page, *snapshot, *service, *new_start));
  data.set("action", manage_path(a.code, "move"));
  data.set("token", token);
  data.set("start", start);
  data.set("back", links.times(start.substr(0, 10)));
  return page.render(200, "manage_move", page.t("Move your appointment?"), std::move(data));
}

http::Response post_move(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const Page page(c.site, request, form ? &*form : nullptr);
  const std::string token = form ? http::field(*form, "token") : std::string();
  const std::string start = form ? http::field(*form, "start") : std::string();
  const std::string code(request.param("code"));
  if (!form)
    return page.message(400, "Please try again", "This form has expired. Please go back and send it again.");
  if (!page.csrf_ok())
    return page.message(403, "Please try again", "This form has expired. Please go back and send it again.");
  if (page.is_language_switch())
    return page.redirect(with_token(manage_path(code, "move"), token, {{"start", start}}));
  auto result = c.bookings.reschedule(code, token, start);
  if (result) return page.redirect(with_token(manage_path(code), token, {{"moved", "1"}}));
  if (is_time_problem(result.error()))
    return page.redirect(move_links(code, token).times(start.substr(0, 10)) + "&taken=1");
  if (result.error().kind == app::ErrorKind::not_changeable)
    return page.message(409, "This appointment cannot be changed", "It has already begun or was cancelled.");
  return page.message(
      404, "Booking not found",
      "We found no booking for this link. Please check the link or search with your booking code.");
}

}  // namespace

}  // namespace amt::web::citizen

namespace amt::web {

void add_manage_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/manage", [&c](const http::Request& r) { return find_page(c, r); });
  router.post("/manage", [&c](const http::Request& r) { return post_find(c, r); });
  router.get("/manage/{code}", [&c](const http::Request& r) { return view(c, r); });
  router.get("/manage/{code}/cancel", [&c](const http::Request& r) { return cancel_page(c, r); });
  router.post("/manage/{code}/cancel", [&c](const http::Request& r) { return post_cancel(c, r); });
  router.get("/manage/{code}/day", [&c](const http::Request& r) { return move_page(c, r, "day"); });
  router.get("/manage/{code}/time", [&c](const http::Request& r) { return move_page(c, r, "time"); });
  router.get("/manage/{code}/move", [&c](const http::Request& r) { return move_page(c, r, "move"); });
  router.post("/manage/{code}/move", [&c](const http::Request& r) { return post_move(c, r); });
}

}  // namespace amt::web
