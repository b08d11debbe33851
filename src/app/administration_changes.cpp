// Each admin change as a Change for the one path in administration.cpp: what it alters in the
// catalog and what it checks first.
#include <algorithm>

#include "app/administration.hpp"
#include "app/administration_validation.hpp"

namespace amt::app {
namespace {

using Errors = std::vector<FieldError>;

Errors one(std::string field, std::string code, std::string message) {
  return {FieldError{std::move(field), std::move(code), std::move(message)}};
}

template <class T>
T* find_by_id(std::vector<T>& items, const Id& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

Errors not_found(const char* what) { return one("id", "unknown", std::string("No such ") + what + "."); }

// Stored skills are sorted and unique (the store reads them back that way).
Staff normalised(Staff s) {
  std::sort(s.skills.begin(), s.skills.end());
  s.skills.erase(std::unique(s.skills.begin(), s.skills.end()), s.skills.end());
  return s;
}

std::string summary(const Service& s) {
  return "name=" + s.name + ", duration=" + std::to_string(s.duration_minutes) + "min, active=" + (s.active ? "yes" : "no");
}

std::string summary(const Staff& s) {
  std::string skills;
  for (const Id& k : s.skills) skills += (skills.empty() ? "" : "|") + k;
  return "name=" + s.name + ", team=" + s.team + ", skills=" + skills + ", active=" + (s.active ? "yes" : "no");
}

}  // namespace

Result<ChangeReport> Administration::add_service(const AdminActor& by, const Service& service) {
  return change(by, {"catalog.service.add", "service", service.id, summary(service), [service](Catalog& c) {
                       if (c.service(service.id) != nullptr) return one("id", "taken", "This id is already taken.");
                       c.services.push_back(service);
                       return admin::check_service(c, service);
                     }},
                false);
}

Result<ChangeReport> Administration::change_service(const AdminActor& by, const Service& service, bool reassign) {
  return change(by, {"catalog.service.change", "service", service.id, summary(service), [service](Catalog& c) {
                       Service* s = find_by_id(c.services, service.id);
                       if (s == nullptr) return not_found("service");
                       if (s->location_id != service.location_id)
                         return one("location", "invalid", "A service cannot move to another location.");
                       *s = service;
                       return admin::check_service(c, service);
                     }},
                reassign);
}

Result<ChangeReport> Administration::retire_service(const AdminActor& by, const Id& service_id, bool reassign) {
  return change(by, {"catalog.service.retire", "service", service_id, "", [service_id](Catalog& c) {
                       Service* s = find_by_id(c.services, service_id);
                       if (s == nullptr) return not_found("service");
                       s->active = false;
                       return Errors{};
                     }},
                reassign);
}

Result<ChangeReport> Administration::add_staff(const AdminActor& by, const Staff& staff) {
  const Staff s = normalised(staff);
  return change(by, {"catalog.staff.add", "staff", s.id, summary(s), [s](Catalog& c) {
                       if (c.staff_member(s.id) != nullptr) return one("id", "taken", "This id is already taken.");
                       c.staff.push_back(s);
                       return admin::check_staff(c, s);
                     }},
                false);
}

Result<ChangeReport> Administration::change_staff(const AdminActor& by, const Staff& staff, bool reassign) {
  const Staff s = normalised(staff);
  return change(by, {"catalog.staff.change", "staff", s.id, summary(s), [s](Catalog& c) {
                       Staff* old = find_by_id(c.staff, s.id);
                       if (old == nullptr) return not_found("staff member");
                       if (old->location_id != s.location_id)
                         return one("location", "invalid", "Staff cannot move to another location here.");
                       *old = s;
                       return admin::check_staff(c, s);
                     }},
                reassign);
}

Result<ChangeReport> Administration::retire_staff(const AdminActor& by, const Id& staff_id, bool reassign) {
  return change(by, {"catalog.staff.retire", "staff", staff_id, "", [staff_id](Catalog& c) {
                       Staff* s = find_by_id(c.staff, staff_id);
                       if (s == nullptr) return not_found("staff member");
                       s->active = false;
                       for (Staff& other : c.staff) std::erase(other.deputies, staff_id);
                       std::erase_if(c.responsibility_rules, [&](const auto& r) { return r.staff_id == staff_id; });
                       return Errors{};
                     }},
                reassign);
}

}  // namespace amt::app
