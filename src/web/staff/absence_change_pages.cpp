// Correcting a recorded absence on /staff/absences/{id} (team leads): a confirmation page, then
// "end now" (the person is back) or "delete" (recorded by mistake, only while it moved nobody).
#include "web/staff/absence_pages.hpp"
#include "web/staff/console.hpp"
#include "web/url.hpp"

namespace amt::web::staff::absence {
namespace {

std::optional<Absence> visible_absence(app::Absences& absences, const StaffRequest& r) {
  const std::string id(r.http.param("id"));
  for (const Absence& a : absences.upcoming(actor(r)))
    if (a.id == id) return a;
  return std::nullopt;
}

http::Response gone(const StaffRequest& r) {
  return r.page.message(404, "Absence not found", "This absence has ended, was deleted, or is not yours to change.");
}

http::Response change_page(StaffContext& c, const StaffRequest& r) {
  const auto found = visible_absence(*c.absences, r);
  if (!found) return gone(r);
  const auto snapshot = c.catalogs->current();
  const Staff* s = snapshot->catalog.staff_member(found->staff_id);
  const Id location = s ? s->location_id : "";
  const console::When from = console::when(r.page, *snapshot, location, found->from);
  const console::When to = console::when(r.page, *snapshot, location, found->to);
  const int changed = c.absences->appointments_changed(*found);
  Data data;
  data.set("name", s ? s->name : found->staff_id);
  data.set("from", from.date + " " + from.time);
  data.set("to", to.date + " " + to.time);
  data.set("reason", found->reason);
  data.set("begun", found->from < c.absences->now());
  data.set("changed", std::to_string(changed));
  data.set("may_delete", changed == 0);
  const std::string base = "/staff/absences/" + percent_encode(found->id);
  data.set("end_action", base + "/end");
  data.set("delete_action", base + "/delete");
  return r.page.render(200, "absence_change", r.page.t("Change an absence"), std::move(data));
}

http::Response end_absence(StaffContext& c, const StaffRequest& r) {
  const auto done = c.absences->end_now(actor(r), std::string(r.http.param("id")));
  if (!done) return gone(r);
  return r.page.redirect("/staff/absences?ended=1");
}

http::Response delete_absence(StaffContext& c, const StaffRequest& r) {
  const auto done = c.absences->remove(actor(r), std::string(r.http.param("id")));
  if (done) return r.page.redirect("/staff/absences?deleted=1");
  if (done.error().kind == app::ErrorKind::not_changeable)
    return r.page.message(409, "The absence cannot be deleted",
                          "It has already moved appointments to colleagues or cancelled them, and deleting it would "
                          "not undo that. End it instead: the person counts as present again from now.");
  return gone(r);
}

}  // namespace

void add_change_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  // plan_staff: team leads only; the use case checks the absence is of their team.
  routes.get("/staff/absences/{id}", Permission::plan_staff,
             [&c](const StaffRequest& r) { return change_page(c, r); });
  routes.post("/staff/absences/{id}/end", Permission::plan_staff,
              [&c](const StaffRequest& r) { return end_absence(c, r); });
  routes.post("/staff/absences/{id}/delete", Permission::plan_staff,
              [&c](const StaffRequest& r) { return delete_absence(c, r); });
}

}  // namespace amt::web::staff::absence
