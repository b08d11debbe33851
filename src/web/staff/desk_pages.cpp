// /staff/desk (Sachbearbeitung): the caseworker's room, one big "call next", the visitors they may
// call with "call this one" each, the visitor they called with recall / did not come / start /
// finish / hand over, and their no-show list, from which a ticket is called again or put back in
// the queue on purpose only. One visitor at a time: a double submit, a retried "call next" or a
// second server never calls a second visitor (Tickets::call_next_once, migration 013).
#include <functional>

#include "http/form.hpp"
#include "web/staff/floor.hpp"

namespace amt::web::staff::floor {

namespace {

constexpr std::string_view page_path = "/staff/desk";

// Who sits at this desk: the account's staff member, with room and location.
struct Desk {
  const Staff* staff = nullptr;
  const Location* location = nullptr;
  app::Actor actor() const { return {staff->id, false}; }
};

std::optional<Desk> desk_of(const app::CatalogSnapshot& snapshot, const StaffAccount& account) {
  const Staff* staff = snapshot.catalog.staff_member(account.staff_id);
  if (staff == nullptr) return std::nullopt;
  const Location* location = snapshot.catalog.location(staff->location_id);
  if (location == nullptr) return std::nullopt;
  return Desk{staff, location};
}

http::Response no_desk(const StaffRequest& r) {
  return r.page.message(409, "No desk", "Your account is not linked to a staff member with a room. Please ask an administrator.");
}

bool held(const Ticket& t, const Staff& s) {
  return t.staff_id == s.id && (t.status == TicketStatus::called || t.status == TicketStatus::in_service);
}

// The waiting tickets this person may call, in queue order, as rows with a "call this one" button.
List callable_rows(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Desk& desk,
                   const std::vector<Ticket>& today, Instant now) {
  const Caller caller{desk.staff->id, desk.staff->skills, false};
  List rows;
  for (const Ticket& t : waiting_in_order(today))
    if (may_call(caller, t)) rows.push_back(ticket_row(page, snapshot, *desk.location, t, now));
  return rows;
}

http::Response view(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto desk = desk_of(*snapshot, r.staff.account);
  if (!desk) return no_desk(r);
  const Instant now = c.tickets->now();
  const auto today = c.tickets->today(desk->location->id);
  const List people = colleagues(*snapshot, desk->location->id, desk->staff->id);
  const List callable = callable_rows(r.page, *snapshot, *desk, today, now);
  List current, no_shows;
  for (const Ticket& t : today) {
    if (t.staff_id != desk->staff->id) continue;
    Data row = ticket_row(r.page, *snapshot, *desk->location, t, now);
    row.set("is_called", t.status == TicketStatus::called);
    row.set("is_running", t.status == TicketStatus::in_service);
    row.set("colleagues", people);
    if (held(t, *desk->staff)) current.push_back(row);
    if (t.status == TicketStatus::no_show) no_shows.push_back(row);
  }
  Data data;
  data.set("location", desk->location->name);
  data.set("room", desk->staff->room);
  data.set("staff_name", desk->staff->name);
  data.set("current", Data{current});
  data.set("has_current", !current.empty());
  data.set("no_shows", Data{no_shows});
  data.set("has_no_shows", !no_shows.empty());
  data.set("waiting_for_me", std::to_string(callable.size()));
  data.set("callable", Data{callable});
  data.set("has_callable", !callable.empty());
  add_flash(r.page, r.http, data);
  add_live(data, "/staff/desk/events", today, now, c.tickets->policy());
  return r.page.render(200, "desk", r.page.t("My desk"), std::move(data));
}

http::Response call_next(StaffContext& c, const StaffRequest& r) {
  const auto desk = desk_of(*c.catalogs->current(), r.staff.account);
  if (!desk) return no_desk(r);
  const auto called = c.tickets->call_next_once(desk->location->id, desk->actor());
  if (!called) return r.page.redirect(after_post(page_path, "problem", problem_key(called.error()), ""));
  if (!called->ticket) return r.page.redirect(after_post(page_path, "did", "nobody", ""));
  return r.page.redirect(after_post(page_path, "did", called->already ? "already" : "called", called->ticket->number));
}

// "Call this one": a waiting ticket of the list, called to this desk (Tickets::call). Someone
// quicker, a ticket gone, or the desk still having a visitor each get their own message.
http::Response call_this(StaffContext& c, const StaffRequest& r) {
  const auto desk = desk_of(*c.catalogs->current(), r.staff.account);
  if (!desk) return no_desk(r);
  const auto t = ticket_here(c.tickets->today(desk->location->id), http::field(r.form, "ticket"));
  if (!t) return r.page.redirect(after_post(page_path, "problem", "gone", ""));
  if (held(*t, *desk->staff)) return r.page.redirect(after_post(page_path, "did", "already", t->number));  // sent twice
  if (t->status != TicketStatus::waiting) return r.page.redirect(after_post(page_path, "problem", "taken", ""));
  const auto called = c.tickets->call(t->id, desk->actor());
  if (called) return r.page.redirect(after_post(page_path, "did", "called", called->number));
  const std::string key = problem_key(called.error());
  return r.page.redirect(after_post(page_path, "problem", key == "busy" || key == "gone" ? key : "taken", ""));
}

using Change = std::function<app::Result<Ticket>(app::Tickets&, const Ticket&, const Desk&)>;

// One change to a ticket of today at the desk's location, then back to the page.
http::Response change(StaffContext& c, const StaffRequest& r, std::string_view did, const Change& how) {
  const auto snapshot = c.catalogs->current();
  const auto desk = desk_of(*snapshot, r.staff.account);
  if (!desk) return no_desk(r);
  const auto t = ticket_here(c.tickets->today(desk->location->id), http::field(r.form, "ticket"));
  if (!t) return r.page.redirect(after_post(page_path, "problem", "gone", ""));
  const auto done = how(*c.tickets, *t, *desk);
  if (!done) return r.page.redirect(after_post(page_path, "problem", problem_key(done.error()), ""));
  return r.page.redirect(after_post(page_path, "did", did, done->number));
}

http::Response hand_over(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto desk = desk_of(*snapshot, r.staff.account);
  if (!desk) return no_desk(r);
  const Staff* to = snapshot->catalog.staff_member(http::field(r.form, "to"));
  if (to == nullptr || to->location_id != desk->location->id || !to->active || to->id == desk->staff->id)
    return r.page.redirect(after_post(page_path, "problem", "unknown_colleague", ""));
  const Id to_id = to->id;
  return change(c, r, "handed",
                [&to_id](app::Tickets& t, const Ticket& k, const Desk& d) { return t.transfer(k.id, to_id, d.actor()); });
}

void add_change(StaffRoutes& routes, const std::string& step, std::string_view did, Change how) {
  StaffContext& c = routes.context();
  routes.post("/staff/desk/" + step, Permission::serve_visitors,
              [&c, did, how = std::move(how)](const StaffRequest& r) { return change(c, r, did, how); });
}

}  // namespace

void add_desk_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  const Permission p = Permission::serve_visitors;
  routes.get("/staff/desk", p, [&c](const StaffRequest& r) { return view(c, r); });
  routes.get("/staff/desk/events", p, [&c](const StaffRequest& r) {
    const auto desk = desk_of(*c.catalogs->current(), r.staff.account);
    if (!desk) return http::Response::problem(404, "Not Found", "The account has no desk.");
    return queue_events(c, r.http, desk->location->id);
  });
  routes.post("/staff/desk/call-next", p, [&c](const StaffRequest& r) { return call_next(c, r); });
  routes.post("/staff/desk/call", p, [&c](const StaffRequest& r) { return call_this(c, r); });
  add_change(routes, "recall", "recalled", [](app::Tickets& t, const Ticket& k, const Desk& d) { return t.recall(k.id, d.actor()); });
  add_change(routes, "no-show", "no_show", [](app::Tickets& t, const Ticket& k, const Desk& d) { return t.no_show(k.id, d.actor()); });
  add_change(routes, "start", "started", [](app::Tickets& t, const Ticket& k, const Desk& d) { return t.start(k.id, d.actor()); });
  add_change(routes, "finish", "finished", [](app::Tickets& t, const Ticket& k, const Desk& d) { return t.finish(k.id, d.actor()); });
  // From the no-show list only: a ticket that is not marked no-show is never called by this button.
  add_change(routes, "call-again", "called", [](app::Tickets& t, const Ticket& k, const Desk& d) -> app::Result<Ticket> {
    if (k.status != TicketStatus::no_show) return app::fail(app::ErrorKind::not_changeable, "Not marked as not come.");
    return t.call(k.id, d.actor());
  });
  add_change(routes, "requeue", "requeued", [](app::Tickets& t, const Ticket& k, const Desk& d) { return t.requeue(k.id, d.actor()); });
  routes.post("/staff/desk/hand-over", p, [&c](const StaffRequest& r) { return hand_over(c, r); });
  routes.link({"/staff/desk", "My desk", "Call the next visitor to your room and record how it went.", p});
}

}  // namespace amt::web::staff::floor
