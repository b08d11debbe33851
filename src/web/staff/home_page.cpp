// /staff: the start page after sign-in, with a link to everything the account's roles allow and
// the account's own session controls.
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff {

namespace {

const char* role_msgid(Role role) {
  switch (role) {
    case Role::agent: return "Service center";
    case Role::reception: return "Reception";
    case Role::caseworker: return "Caseworker";
    case Role::team_lead: return "Team lead";
    case Role::admin: return "Administration";
  }
  return "";
}

}  // namespace

void add_home_page(StaffRoutes& routes) {
  routes.get("/staff", Permission::own_session, [&routes](const StaffRequest& r) {
    const RoleSet roles = r.staff.account.roles;
    List links;
    for (const StaffLink& link : routes.links()) {
      if (!may(roles, link.permission)) continue;
      Data item;
      item.set("href", link.path);
      item.set("title", r.page.t(link.title_msgid));
      item.set("text", r.page.t(link.text_msgid));
      links.push_back(item);
    }
    List role_names;
    for (Role role : all_roles)
      if (roles.has(role)) role_names.push_back(Data{r.page.t(role_msgid(role))});
    Data data;
    data.set("name", r.staff.account.display_name);
    data.set("links", Data{links});
    data.set("has_links", !links.empty());
    data.set("roles", Data{role_names});
    return r.page.render(200, "home", r.page.t("Staff area"), std::move(data));
  });
}

}  // namespace amt::web::staff
