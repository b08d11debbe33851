// The console's booking pages: the booking with its code shown large (for reading out), finding a
// caller's bookings by code, customer number, phone number or name, and cancelling or moving one
// while the caller is on the line. Every page that shows a caller's data is audited (app layer).
#include "http/form.hpp"
#include "web/staff/console.hpp"
#include "web/staff/message_list.hpp"
#include "web/url.hpp"

namespace amt::web::staff::console {

namespace {

http::Response not_found(const StaffRequest& r) {
  return r.page.message(404, "Booking not found", "There is no booking with this code that you may see.");
}

http::Response view(StaffContext& c, const StaffRequest& r) {
  const auto a = c.service_center->open(r.staff.account, r.http.param("code"));
  if (!a) return not_found(r);
  Data data = booking_data(r.page, *c.catalogs->current(), *a);
  // Only after open(): it checked that the account may see this booking and audited the view.
  const List messages = message_rows(r.page, c.zone, c.store.outbox_for_appointment(a->id));
  data.set("has_messages", !messages.empty());
  data.set("messages", Data{messages});
  for (const char* flag : {"booked", "moved", "cancelled"})
    if (r.http.query_param(flag)) data.set(std::string("just_") + flag, true);
  return r.page.render(200, "console_booking", r.page.t("Booking") + " " + a->code, std::move(data));
}

http::Response find(StaffContext& c, const StaffRequest& r) {
  const std::string q = r.http.query_param("q").value_or("").substr(0, 120);
  const auto snapshot = c.catalogs->current();
  Data data;
  data.set("q", q);
  List results;
  if (!q.empty()) {
    for (const Appointment& a : c.service_center->find(r.staff.account, q)) {
      Data item = booking_data(r.page, *snapshot, a);
      item.set("first", results.empty());  // Enter opens the first match
      results.push_back(item);
    }
  }
  data.set("searched", !q.empty());
  data.set("has_results", !results.empty());
  data.set("results", Data{results});
  return r.page.render(200, "console_find", r.page.t("Find a booking"), std::move(data));
}

http::Response move_page(StaffContext& c, const StaffRequest& r, int status = 200, bool taken = false) {
  const auto a = c.service_center->open(r.staff.account, r.http.param("code"));
  if (!a) return not_found(r);
  const auto snapshot = c.catalogs->current();
  std::string from = r.http.query_param("from").value_or("").substr(0, 10);
  if (!parse_date(from)) from.clear();
  const auto slots = free_slots(*c.bookings, a->location_id, a->service_id, from, 12);
  Data data = booking_data(r.page, *snapshot, *a);
  data.set("slots", slot_choices(r.page, *snapshot, a->location_id, slots));
  data.set("has_slots", !slots.empty());
  data.set("from", from);
  data.set("taken", taken);
  data.set("move_action", booking_path(a->code, "move"));
  return r.page.render(status, "console_move", r.page.t("Move the booking"), std::move(data));
}

http::Response move(StaffContext& c, const StaffRequest& r) {
  const std::string code(r.http.param("code"));
  auto moved = c.service_center->reschedule(r.staff.account, code, http::field(r.form, "start").substr(0, 40));
  if (moved) return r.page.redirect(booking_path(moved->code) + "?moved=1");
  if (moved.error().kind == app::ErrorKind::not_found) return not_found(r);
  if (moved.error().kind == app::ErrorKind::not_changeable)
    return r.page.message(409, "Cannot be changed", "This booking is cancelled or has already begun.");
  return move_page(c, r, 409, true);
}

http::Response cancel(StaffContext& c, const StaffRequest& r) {
  auto done = c.service_center->cancel(r.staff.account, r.http.param("code"));
  if (done) return r.page.redirect(booking_path(done->code) + "?cancelled=1");
  if (done.error().kind == app::ErrorKind::not_found) return not_found(r);
  return r.page.message(409, "Cannot be changed", "This booking is cancelled or has already begun.");
}

}  // namespace

void add_booking_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  const Permission p = Permission::book_for_caller;
  routes.get("/staff/console/find", p, [&c](const StaffRequest& r) { return find(c, r); });
  routes.get("/staff/console/booking/{code}", p, [&c](const StaffRequest& r) { return view(c, r); });
  routes.get("/staff/console/booking/{code}/move", p, [&c](const StaffRequest& r) { return move_page(c, r); });
  routes.post("/staff/console/booking/{code}/move", p, [&c](const StaffRequest& r) { return move(c, r); });
  routes.post("/staff/console/booking/{code}/cancel", p, [&c](const StaffRequest& r) { return cancel(c, r); });
}

}  // namespace amt::web::staff::console
