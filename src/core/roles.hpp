// Staff roles and what each may do: a pure table, so every page and endpoint asks the same question
// ("may these roles do X?") and the answer is tested in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace amt {

// agent: service center on the phone (Service-Center); reception: entrance and emergency desk
// (Empfang); caseworker: own desk (Sachbearbeitung); team_lead (Teamleitung); admin.
enum class Role : std::uint8_t { agent = 1, reception = 2, caseworker = 4, team_lead = 8, admin = 16 };

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= static_cast<std::uint8_t>(r);
  }
  constexpr bool has(Role r) const { return (bits_ & static_cast<std::uint8_t>(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
  constexpr RoleSet& add(Role r) {
    bits_ |= static_cast<std::uint8_t>(r);
    return *this;
  }
  constexpr std::uint8_t bits() const { return bits_; }
  friend constexpr bool operator==(RoleSet, RoleSet) = default;

 private:
  std::uint8_t bits_ = 0;
};

inline constexpr Role all_roles[] = {Role::agent, Role::reception, Role::caseworker, Role::team_lead, Role::admin};

const char* to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);
std::vector<std::string> role_names(RoleSet roles);  // in the order of all_roles
// "agent,admin" (order of all_roles); the empty set is "".
std::string to_string(RoleSet roles);
// Comma-separated names; nullopt when one is unknown. Duplicates and surrounding spaces are fine.
std::optional<RoleSet> role_set_from_string(std::string_view s);

// Things a staff member may do. Each page and endpoint names exactly one.
enum class Permission : std::uint8_t {
  own_session,        // see oneself, sign out, sign out everywhere: every signed-in account
  book_for_caller,    // search free times and book, find, change bookings by phone
  view_queue,         // who is waiting on site, issue emergency tickets
  serve_visitors,     // own day schedule, call the next visitor, record the outcome
  plan_staff,         // working plans, absences, substitution, statistics
  view_audit_log,     // who read or changed which personal data (Protokoll)
  administer,         // locations, services, staff, closures, texts, staff accounts
};
inline constexpr Permission all_permissions[] = {
    Permission::own_session, Permission::book_for_caller, Permission::view_queue, Permission::serve_visitors,
    Permission::plan_staff,  Permission::view_audit_log,  Permission::administer};

const char* to_string(Permission p);
// The roles that grant p; empty for own_session, which any signed-in account has.
RoleSet roles_for(Permission p);
bool may(RoleSet roles, Permission p);

// Whose personal data (contact, customer number, note) of an appointment an account may see.
// The service center answers one number for the whole office and team leads and admins plan
// across locations: they see every location. A caseworker or receptionist sees only appointments
// at their own location; an account with neither a wide role nor a location sees nothing.
bool may_see_personal_data(RoleSet roles, const Id& account_location, const Id& appointment_location);

}  // namespace amt
