// The document pre-check pages (issue #7): the work list (/staff/documents), one appointment's
// documents with a verdict form per required document, the staff-only file route (shown inline by
// the browser from our own server, audited), and the preparation mark. Caseworkers and team leads.
#include "http/form.hpp"
#include "web/staff/prep.hpp"
#include "web/url.hpp"

namespace amt::web::staff::prep {

namespace {

constexpr const char* states[] = {"accepted", "unreadable", "wrong", "missing"};

http::Response not_found(const StaffRequest& r) {
  return r.page.message(404, "Booking not found", "There is no booking with this code that you may see.");
}

http::Response work_list(StaffContext& c, const StaffRequest& r) {
  const app::WorkListFilter filter{r.http.query_param("location").value_or("").substr(0, 64),
                                   r.http.query_param("team").value_or("").substr(0, 64)};
  const auto list = c.reviews->work_list(r.staff.account, filter);
  if (!list) return r.page.message(404, "Page not found", "There is no location with this name that you may see.");
  const auto snapshot = c.catalogs->current();
  Data data;
  List locations;
  for (const Location& l : snapshot->catalog.locations) {
    if (!may_see_personal_data(r.staff.account.roles, r.staff.account.location_id, l.id)) continue;
    Data o;
    o.set("value", l.id);
    o.set("label", l.name);
    o.set("selected", l.id == list->location);
    locations.push_back(o);
  }
  data.set("locations", Data{locations});
  data.set("many_locations", locations.size() > 1);
  List teams;
  for (const std::string& t : list->teams) {
    Data o;
    o.set("value", t);
    o.set("selected", t == list->team);
    teams.push_back(o);
  }
  data.set("teams", Data{teams});
  data.set("all_teams", list->team.empty());
  List items;
  for (const app::AppointmentDocuments& item : list->items) {
    const Appointment& a = item.appointment;
    const console::When w = console::when(r.page, *snapshot, a.location_id, a.start);
    const Staff* s = snapshot->catalog.staff_member(a.staff_id);
    Data d;
    d.set("code", a.code);
    d.set("href", review_path(a.code));
    d.set("date", w.date);
    d.set("time", w.time);
    d.set("service", item.service ? item.service->name : a.service_id);
    d.set("staff", s ? s->name : std::string());
    d.set("waiting", std::to_string(item.states.waiting()));
    d.set("outstanding", std::to_string(item.states.outstanding()));
    d.set("has_waiting", item.states.waiting() > 0);
    items.push_back(d);
  }
  data.set("items", Data{items});
  data.set("has_items", !items.empty());
  return r.page.render(200, "documents", r.page.t("Documents to check"), std::move(data));
}

// The verdict form per required document, with what was sent kept after an error.
List form_documents(const StaffRequest& r, const app::DocumentStates& st, const std::vector<app::FieldError>& errors) {
  List out;
  for (std::size_t i = 0; i < st.required.size(); ++i) {
    const std::string n = std::to_string(i);
    const std::string chosen_state = http::field(r.form, "state_" + n);
    const std::string chosen_reason = http::field(r.form, "reason_" + n);
    Data d;
    d.set("index", n);
    d.set("name", st.required[i].name);
    d.set("status", status_label(r.page, st.required[i].status));
    d.set("unchecked", chosen_state.empty());
    for (const char* s : states) d.set(std::string("state_") + s, chosen_state == s);
    List reasons;
    for (std::string_view code : review_reasons) {
      Data o;
      o.set("value", std::string(code));
      o.set("label", reason_label(r.page, code));
      o.set("selected", code == chosen_reason);
      reasons.push_back(o);
    }
    d.set("reasons", Data{reasons});
    d.set("comment", http::field(r.form, "comment_" + n));
    for (const app::FieldError& e : errors) {
      if (!e.field.starts_with("documents." + n + ".")) continue;
      d.set("error", e.field.ends_with(".reason") ? r.page.t("Choose why the document cannot be accepted.")
                                                  : r.page.t("The comment can have at most 500 characters."));
    }
    out.push_back(d);
  }
  return out;
}

http::Response review_page(StaffContext& c, const StaffRequest& r, int status = 200,
                           const std::vector<app::FieldError>& errors = {}) {
  const auto opened = c.reviews->open(r.staff.account, r.http.param("code"));
  if (!opened) return not_found(r);
  const Appointment& a = opened->appointment;
  Data data = console::booking_data(r.page, *opened->snapshot, a);
  data.set("docs", states_data(r.page, opened->states, a.code));
  data.set("form_documents", form_documents(r, opened->states, errors));
  data.set("review_action", review_path(a.code, "review"));
  data.set("has_errors", !errors.empty());
  data.set("prep", preparation_data(c.preparations->of(a), a.code, "review"));
  const auto sent = r.http.query_param("sent");
  if (r.http.query_param("reviewed")) data.set("just_reviewed", true);
  if (sent && *sent != "0") data.set("just_sent", true);
  if (r.http.query_param("prepared")) data.set("just_prepared", true);
  return r.page.render(status, "document_review", r.page.t("Check documents") + " " + a.code, std::move(data));
}

http::Response post_review(StaffContext& c, const StaffRequest& r) {
  std::vector<app::ReviewInput> inputs;
  for (std::size_t i = 0; i < 50; ++i) {
    const std::string n = std::to_string(i);
    const std::string document = http::field(r.form, "document_" + n);
    if (document.empty()) break;
    inputs.push_back({document, http::field(r.form, "state_" + n), http::field(r.form, "reason_" + n),
                      http::field(r.form, "comment_" + n)});
  }
  const std::string code(r.http.param("code"));
  auto done = c.reviews->review(r.staff.account, code, inputs);
  if (done)
    return r.page.redirect(review_path(done->after.appointment.code) +
                           "?reviewed=1&sent=" + std::to_string(done->messages_queued));
  if (done.error().kind == app::ErrorKind::not_found) return not_found(r);
  if (done.error().kind == app::ErrorKind::not_changeable)
    return r.page.message(409, "Cannot be changed", "This booking is cancelled or has already begun.");
  return review_page(c, r, 422, done.error().fields);
}

http::Response post_prepare(StaffContext& c, const StaffRequest& r) {
  const std::string code(r.http.param("code"));
  const bool prepared = http::field(r.form, "prepared") == "1";
  auto done = c.preparations->mark(r.staff.account, code, prepared, http::field(r.form, "note"));
  if (!done && done.error().kind == app::ErrorKind::not_found) return not_found(r);
  if (!done) return r.page.message(422, "Please check this entry.", "The note can have at most 2000 characters.");
  if (http::field(r.form, "back") == "day") return r.page.redirect("/staff/day?prepared=1#a-" + percent_encode(code));
  return r.page.redirect(review_path(code) + "?prepared=1");
}

// The file itself, for the browser's own viewer: inline, its real type, never sniffed or cached.
http::Response file(StaffContext& c, const StaffRequest& r) {
  auto f = c.reviews->file(r.staff.account, r.http.param("code"), r.http.param("id"));
  if (!f) return r.page.message(404, "Page not found", "This document does not exist or you may not see it.");
  const std::string& type = f->document.media_type;
  const std::string ext = type == "application/pdf" ? ".pdf" : type == "image/png" ? ".png" : ".jpg";
  auto response = http::Response::text(200, std::move(f->content), type);
  response.set("Content-Disposition", "inline; filename=\"dokument" + ext + "\"; filename*=UTF-8''" +
                                          percent_encode(f->document.file_name));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_document_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  const Permission p = Permission::serve_visitors;
  routes.get("/staff/documents", p, [&c](const StaffRequest& r) { return work_list(c, r); });
  routes.get("/staff/documents/{code}", p, [&c](const StaffRequest& r) { return review_page(c, r); });
  routes.get("/staff/documents/{code}/file/{id}", p, [&c](const StaffRequest& r) { return file(c, r); });
  routes.post("/staff/documents/{code}/review", p, [&c](const StaffRequest& r) { return post_review(c, r); });
  routes.post("/staff/documents/{code}/prepare", p, [&c](const StaffRequest& r) { return post_prepare(c, r); });
  routes.link({"/staff/documents", "Documents to check", "Uploaded documents of coming appointments, by date.",
               Permission::serve_visitors});
}

}  // namespace amt::web::staff::prep
