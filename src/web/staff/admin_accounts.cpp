// /staff/admin/accounts: the staff accounts (sign-ins) as an admin sees them, and on each account's
// page the staff member (caseworker in the plans) it belongs to: choose one, or unlink it. One staff
// member has at most one account; linking a second is refused naming the account that has it.
#include "app/staff_links.hpp"
#include "web/staff/admin.hpp"
#include "web/staff/field_errors.hpp"
#include "web/url.hpp"

namespace amt::web::staff::admin {

namespace {

std::string account_path(const Id& id) { return "/staff/admin/account/" + percent_encode(id); }

std::string member_label(const app::CatalogSnapshot& snapshot, const Id& staff_id) {
  const Staff* s = snapshot.catalog.staff_member(staff_id);
  if (!s) return staff_id;
  const Location* l = snapshot.catalog.location(s->location_id);
  return s->name + " (" + (l ? l->name : s->location_id) + ")";
}

http::Response account_list(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  List accounts;
  for (const StaffAccount& a : c.store.staff_accounts()) {
    Data item;
    item.set("login", a.login);
    item.set("name", a.display_name);
    item.set("roles", to_string(a.roles));
    item.set("linked", !a.staff_id.empty());
    item.set("member", a.staff_id.empty() ? "" : member_label(*snapshot, a.staff_id));
    item.set("active", a.active);
    item.set("href", account_path(a.id));
    accounts.push_back(item);
  }
  Data data;
  data.set("accounts", accounts);
  return r.page.render(200, "admin_accounts", r.page.t("Staff accounts"), std::move(data));
}

// The choice of staff members: active ones, each marked with the account that has it already.
List member_choices(const app::CatalogSnapshot& snapshot, const std::vector<StaffAccount>& accounts,
                    const StaffAccount& account, const Id& chosen) {
  List list;
  for (const Staff& s : snapshot.catalog.staff) {
    if (!s.active) continue;
    Data item;
    item.set("id", s.id);
    item.set("label", member_label(snapshot, s.id));
    item.set("selected", s.id == chosen);
    for (const StaffAccount& other : accounts)
      if (other.staff_id == s.id && other.id != account.id) item.set("holder", other.login);
    list.push_back(item);
  }
  return list;
}

http::Response account_form(StaffContext& c, const StaffRequest& r, const StaffAccount& account, const Id& chosen,
                            int status, Data data) {
  const auto snapshot = c.catalogs->current();
  data.set("login", account.login);
  data.set("name", account.display_name);
  data.set("roles", to_string(account.roles));
  data.set("linked", !account.staff_id.empty());
  data.set("member", account.staff_id.empty() ? "" : member_label(*snapshot, account.staff_id));
  data.set("action", account_path(account.id));
  data.set("members", member_choices(*snapshot, c.store.staff_accounts(), account, chosen));
  data.set("none_selected", chosen.empty());
  return r.page.render(status, "admin_account", r.page.t("Staff account") + " " + account.login, std::move(data));
}

http::Response account_page(StaffContext& c, const StaffRequest& r) {
  const auto account = c.store.staff_account_by_id(std::string(r.http.param("id")));
  if (!account) return r.page.message(404, "Not found", "This record does not exist.");
  Data data;
  data.set("saved", r.http.query_param("saved").has_value());
  return account_form(c, r, *account, account->staff_id, 200, std::move(data));
}

http::Response link_account(StaffContext& c, const StaffRequest& r) {
  const Id account_id(r.http.param("id"));
  const Id chosen = http::field(r.form, "staff_id");
  const auto linked = app::link_staff_account(c.store, actor(r), account_id, chosen, c.clock.now());
  if (linked) return r.page.redirect(account_path(account_id) + "?saved=1");
  if (linked.error().kind == app::ErrorKind::not_found)
    return r.page.message(404, "Not found", "This record does not exist.");
  const auto account = c.store.staff_account_by_id(account_id);
  if (!account) return r.page.message(404, "Not found", "This record does not exist.");
  Data data;
  const auto& fields = linked.error().fields;
  if (!fields.empty() && fields.front().code == "linked_elsewhere") {
    std::string message = r.page.t("This staff member is already linked to the account {login}. Unlink it there first.");
    if (const auto at = message.find("{login}"); at != std::string::npos) message.replace(at, 7, linked.error().detail);
    show_field_errors(data, {{"staff_id", message}});
  } else {
    add_field_errors(r.page, data, fields);
  }
  return account_form(c, r, *account, chosen, 422, std::move(data));
}

}  // namespace

void add_account_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/admin/accounts", Permission::administer, [&c](const StaffRequest& r) { return account_list(c, r); });
  routes.get("/staff/admin/account/{id}", Permission::administer, [&c](const StaffRequest& r) { return account_page(c, r); });
  routes.post("/staff/admin/account/{id}", Permission::administer, [&c](const StaffRequest& r) { return link_account(c, r); });
  routes.link({"/staff/admin/accounts", "Staff accounts",
               "Link each sign-in to the staff member it belongs to, or unlink it.", Permission::administer});
}

}  // namespace amt::web::staff::admin
