// /staff/audit: the audit log (Protokoll) for team leads and admins, newest first, filtered by
// account and by day, paged backwards. Read-only: there is no route that changes an entry, and the
// store refuses changes anyway.
#include "http/form.hpp"
#include "web/staff/staff_routes.hpp"
#include "web/url.hpp"

namespace amt::web::staff {

namespace {

constexpr int page_size = 50;

struct Filter {
  std::string account;  // login as typed
  std::string from;     // YYYY-MM-DD as typed
  std::string to;       // inclusive day
  std::int64_t before = 0;
};

Filter read_filter(const http::Request& request) {
  Filter f;
  f.account = request.query_param("account").value_or("").substr(0, 64);
  f.from = request.query_param("from").value_or("").substr(0, 10);
  f.to = request.query_param("to").value_or("").substr(0, 10);
  const std::string before = request.query_param("before").value_or("");
  if (!before.empty() && before.size() < 19 && before.find_first_not_of("0123456789") == std::string::npos)
    f.before = std::stoll(before);
  return f;
}

Instant start_of(Zone zone, LocalDate day) { return resolve(zone, at(day, hm(0))).earliest; }

std::string local_time(Zone zone, Instant t) {
  const auto local = to_local(zone, t);
  const auto day = std::chrono::floor<date::days>(local);
  return format_date(day) + " " + format_time(LocalTime{static_cast<int>(
                                      std::chrono::duration_cast<Minutes>(local - day).count())});
}

Data entry_data(Zone zone, const AuditEntry& e) {
  Data d;
  d.set("at", local_time(zone, e.at));
  d.set("at_utc", format_rfc3339_utc(e.at));
  d.set("login", e.account_login);
  d.set("action", e.action);
  d.set("subject", e.subject_type.empty() ? std::string() : e.subject_type + " " + e.subject_id);
  d.set("detail", e.detail);
  return d;
}

http::Response audit_page(StaffContext& c, const StaffRequest& r) {
  const Filter f = read_filter(r.http);
  Data data;
  data.set("account", f.account);
  data.set("from", f.from);
  data.set("to", f.to);
  AuditQuery query;
  query.before_id = f.before;
  query.limit = page_size + 1;  // one more tells whether there is an older page
  bool problem = false;
  const auto refuse = [&](const char* field) {
    data.set(field, true);
    problem = true;
  };
  if (!f.from.empty()) {
    if (const auto day = parse_date(f.from)) query.from = start_of(c.zone, *day);
    else refuse("from_error");
  }
  if (!f.to.empty()) {
    if (const auto day = parse_date(f.to)) query.to = start_of(c.zone, *day + date::days{1});
    else refuse("to_error");
  }
  if (!f.account.empty()) {
    if (const auto account = c.store.staff_account_by_login(f.account)) query.account_id = account->id;
    else refuse("account_error");
  }
  std::vector<AuditEntry> entries = problem ? std::vector<AuditEntry>{} : c.store.audit_entries(query);
  const bool has_older = entries.size() > static_cast<std::size_t>(page_size);
  if (has_older) entries.resize(page_size);
  List rows;
  for (const auto& e : entries) rows.push_back(entry_data(c.zone, e));
  data.set("entries", Data{rows});
  data.set("has_entries", !entries.empty());
  data.set("problem", problem);
  const http::Fields kept{{"account", f.account}, {"from", f.from}, {"to", f.to}};
  if (has_older) {
    http::Fields older = kept;
    older.emplace_back("before", std::to_string(entries.back().id));
    data.set("older_href", "/staff/audit" + query_string(older));
  }
  if (f.before != 0) data.set("newest_href", "/staff/audit" + query_string(kept));
  return r.page.render(problem ? 422 : 200, "audit", r.page.t("Audit log"), std::move(data));
}

}  // namespace

void add_audit_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/audit", Permission::view_audit_log,
             [&c](const StaffRequest& r) { return audit_page(c, r); });
  routes.link({"/staff/audit", "Audit log", "Who read or changed which personal data, and when.",
               Permission::view_audit_log});
}

}  // namespace amt::web::staff
