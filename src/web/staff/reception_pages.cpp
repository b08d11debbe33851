// /staff/reception (Empfang, emergency desk): everyone waiting at the account's location with
// number, kind, waiting time and the appointment's time, emergencies first and an alarm when one
// waits too long; call an emergency to one's own desk (one visitor at a time: start and finish
// it here), hand a ticket to a colleague, and today's emergency capacity. Plain forms with POST-redirect-GET; live through the queue's event stream.
#include "app/emergency_capacity.hpp"
#include "app/ticket_day.hpp"
#include "http/form.hpp"
#include "web/staff/floor.hpp"

namespace amt::web::staff::floor {

namespace {

constexpr std::string_view reception_path = "/staff/reception";

http::Response no_location(const StaffRequest& r) {
  return r.page.message(409, "No location", "Your account is not assigned to a location. Please ask an administrator.");
}

void add_capacity(StaffContext& c, const app::CatalogSnapshot& snapshot, const Location& l, Instant now, Data& data) {
  const auto capacity = app::emergency_capacity_today(c.store, snapshot, l.id, now);
  if (!capacity) return;
  data.set("capacity_used", std::to_string(capacity->used_minutes));
  data.set("capacity_total", std::to_string(capacity->held_back_minutes));
  data.set("capacity_emergencies", std::to_string(capacity->emergencies));
  data.set("capacity_over", capacity->used_minutes > capacity->held_back_minutes);
}

http::Response reception_view(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Location* location = location_of(*snapshot, r.staff.account);
  if (location == nullptr) return no_location(r);
  const Instant now = c.tickets->now();
  const auto today = c.tickets->today(location->id);
  const app::TicketPolicy& policy = c.tickets->policy();
  const bool can_call = snapshot->catalog.staff_member(r.staff.account.staff_id) != nullptr;
  const List people = colleagues(*snapshot, location->id, "");
  List waiting, alarms, called;
  for (const Ticket& t : waiting_in_order(today)) {
    Data row = ticket_row(r.page, *snapshot, *location, t, now);
    const bool alarm = waits_too_long(t, now, policy.alarm_after);
    row.set("alarm", alarm);
    row.set("can_call", can_call && t.kind == TicketKind::emergency);
    row.set("colleagues", people);
    if (t.kind == TicketKind::emergency) alarms.push_back(row);
    waiting.push_back(row);
  }
  for (const Ticket& t : today) {
    if (t.status != TicketStatus::called && t.status != TicketStatus::in_service) continue;
    Data row = ticket_row(r.page, *snapshot, *location, t, now);
    const bool mine = can_call && t.staff_id == r.staff.account.staff_id;
    row.set("can_hand_over", t.status == TicketStatus::called);
    row.set("mine_called", mine && t.status == TicketStatus::called);
    row.set("mine_running", mine && t.status == TicketStatus::in_service);
    row.set("colleagues", people);
    called.push_back(row);
  }
  Data data;
  data.set("location", location->name);
  data.set("alarm_minutes", std::to_string(policy.alarm_after.count()));
  data.set("waiting", Data{waiting});
  data.set("has_waiting", !waiting.empty());
  data.set("waiting_count", std::to_string(waiting.size()));
  data.set("alarms", Data{alarms});
  data.set("called", Data{called});
  data.set("has_called", !called.empty());
  data.set("can_call", can_call);
  // One visitor at a time at the emergency desk too: its call buttons wait until it is free.
  data.set("desk_busy", can_call && app::held_by(today, r.staff.account.staff_id).has_value());
  add_capacity(c, *snapshot, *location, now, data);
  add_flash(r.page, r.http, data);
  add_live(data, "/staff/reception/events", today, now, policy);
  return r.page.render(200, "reception", r.page.t("Reception"), std::move(data));
}

// The ticket named in the form, if it is one of today's at the account's location.
std::optional<Ticket> form_ticket(StaffContext& c, const StaffRequest& r, const Location& location) {
  return ticket_here(c.tickets->today(location.id), http::field(r.form, "ticket"));
}

http::Response finish(const StaffRequest& r, const app::Result<Ticket>& done, std::string_view did) {
  if (!done) return r.page.redirect(after_post(reception_path, "problem", problem_key(done.error()), ""));
  return r.page.redirect(after_post(reception_path, "did", did, done->number));
}

http::Response call(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Location* location = location_of(*snapshot, r.staff.account);
  if (location == nullptr) return no_location(r);
  if (snapshot->catalog.staff_member(r.staff.account.staff_id) == nullptr)
    return r.page.redirect(after_post(reception_path, "problem", "no_staff", ""));
  const auto t = form_ticket(c, r, *location);
  if (!t) return r.page.redirect(after_post(reception_path, "problem", "gone", ""));
  // Called by someone (or by this very request, sent twice) meanwhile: say so, call nobody.
  if (t->status != TicketStatus::waiting) return r.page.redirect(after_post(reception_path, "problem", "changed", ""));
  return finish(r, c.tickets->call(t->id, {r.staff.account.staff_id, true}), "called");
}

http::Response reception_hand_over(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const Location* location = location_of(*snapshot, r.staff.account);
  if (location == nullptr) return no_location(r);
  const auto t = form_ticket(c, r, *location);
  if (!t) return r.page.redirect(after_post(reception_path, "problem", "gone", ""));
  const Staff* to = snapshot->catalog.staff_member(http::field(r.form, "to"));
  if (to == nullptr || to->location_id != location->id || !to->active)
    return r.page.redirect(after_post(reception_path, "problem", "unknown_colleague", ""));
  return finish(r, c.tickets->transfer(t->id, to->id, {r.staff.account.staff_id, true}), "handed");
}

// Start or finish the visitor at the receptionist's own desk (not a colleague's: theirs is on their desk page).
http::Response own_step(StaffContext& c, const StaffRequest& r, std::string_view did, bool start) {
  const auto snapshot = c.catalogs->current();
  const Location* location = location_of(*snapshot, r.staff.account);
  if (location == nullptr) return no_location(r);
  const auto t = form_ticket(c, r, *location);
  if (!t) return r.page.redirect(after_post(reception_path, "problem", "gone", ""));
  if (r.staff.account.staff_id.empty() || t->staff_id != r.staff.account.staff_id)
    return r.page.redirect(after_post(reception_path, "problem", "colleague", ""));
  const app::Actor actor{r.staff.account.staff_id, true};
  return finish(r, start ? c.tickets->start(t->id, actor) : c.tickets->finish(t->id, actor), did);
}

}  // namespace

void add_reception_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  const Permission p = Permission::view_queue;
  routes.get("/staff/reception", p, [&c](const StaffRequest& r) { return reception_view(c, r); });
  routes.get("/staff/reception/events", p, [&c](const StaffRequest& r) {
    const Location* location = location_of(*c.catalogs->current(), r.staff.account);
    if (location == nullptr) return http::Response::problem(404, "Not Found", "The account has no location.");
    return queue_events(c, r.http, location->id);
  });
  routes.post("/staff/reception/call", p, [&c](const StaffRequest& r) { return call(c, r); });
  routes.post("/staff/reception/hand-over", p, [&c](const StaffRequest& r) { return reception_hand_over(c, r); });
  routes.post("/staff/reception/start", p, [&c](const StaffRequest& r) { return own_step(c, r, "started", true); });
  routes.post("/staff/reception/finish", p, [&c](const StaffRequest& r) { return own_step(c, r, "finished", false); });
  routes.link({"/staff/reception", "Reception", "Everyone waiting, emergencies first, with waiting times.",
               Permission::view_queue});
}

}  // namespace amt::web::staff::floor
