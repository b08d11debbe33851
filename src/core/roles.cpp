// Names of roles and permissions, and the table of which role may do what.
#include "core/roles.hpp"

namespace amt {

const char* to_string(Role r) {
  switch (r) {
    case Role::agent: return "agent";
    case Role::reception: return "reception";
    case Role::caseworker: return "caseworker";
    case Role::team_lead: return "team_lead";
    case Role::admin: return "admin";
  }
  return "?";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (Role r : all_roles)
    if (s == to_string(r)) return r;
  return std::nullopt;
}

std::vector<std::string> role_names(RoleSet roles) {
  std::vector<std::string> out;
  for (Role r : all_roles)
    if (roles.has(r)) out.emplace_back(to_string(r));
  return out;
}

std::string to_string(RoleSet roles) {
  std::string out;
  for (const auto& name : role_names(roles)) out += (out.empty() ? "" : ",") + name;
  return out;
}

std::optional<RoleSet> role_set_from_string(std::string_view s) {
  RoleSet out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) {
      auto r = role_from_string(part);
      if (!r) return std::nullopt;
      out.add(*r);
    }
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

const char* to_string(Permission p) {
  switch (p) {
    case Permission::own_session: return "own_session";
    case Permission::book_for_caller: return "book_for_caller";
    case Permission::view_queue: return "view_queue";
    case Permission::serve_visitors: return "serve_visitors";
    case Permission::plan_staff: return "plan_staff";
    case Permission::view_audit_log: return "view_audit_log";
    case Permission::administer: return "administer";
  }
  return "?";
}

// Admin is not a superuser for the desk roles: an administrator who also answers the phone gets
// the agent role as well, so that what someone can see follows from what they do.
RoleSet roles_for(Permission p) {
  switch (p) {
    case Permission::own_session: return {};
    case Permission::book_for_caller: return {Role::agent, Role::team_lead};
    case Permission::view_queue: return {Role::reception, Role::team_lead};
    case Permission::serve_visitors: return {Role::caseworker, Role::team_lead};
    case Permission::plan_staff: return {Role::team_lead, Role::admin};
    case Permission::view_audit_log: return {Role::team_lead, Role::admin};
    case Permission::administer: return {Role::admin};
  }
  return {};
}

bool may(RoleSet roles, Permission p) {
  if (p == Permission::own_session) return !roles.empty();
  return roles.intersects(roles_for(p));
}

bool may_see_personal_data(RoleSet roles, const Id& account_location, const Id& appointment_location) {
  if (roles.intersects({Role::agent, Role::team_lead, Role::admin})) return true;
  if (!roles.intersects({Role::caseworker, Role::reception})) return false;
  return !account_location.empty() && account_location == appointment_location;
}

}  // namespace amt
