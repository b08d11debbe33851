// One absence's plan: the re-planning core run for every local day the absence touches, with the
// absence as a new one, under a node budget per day.
#include <algorithm>

#include "app/absences_detail.hpp"

namespace amt::app::absence {
namespace {

std::vector<Appointment> appointments_of_day(store::WriteTx& tx, const Location& l, LocalDate day) {
  const Zone z = zone(l.time_zone);
  const Instant from = resolve(z, at(day, LocalTime{0})).earliest;
  const Instant to = resolve(z, at(day + date::days{1}, LocalTime{0})).earliest;
  std::vector<Appointment> out;
  for (Appointment& a : tx.appointments(l.id, from, to))
    if (from <= a.start && a.start < to) out.push_back(std::move(a));
  return out;
}

// Only team leads change the planner's decisions, and only for appointments of the plan.
std::vector<FieldError> check_assignments(const AbsenceActor& by, const std::map<Id, Id>& assignments,
                                          const std::vector<DayPlan>& days) {
  std::vector<FieldError> out;
  for (const auto& [id, staff] : assignments) {
    const bool known = std::any_of(days.begin(), days.end(), [&](const DayPlan& d) {
      return std::any_of(d.input.appointments.begin(), d.input.appointments.end(),
                         [&](const Appointment& a) { return a.id == id; });
    });
    if (!known) out.push_back({"assign." + id, "unknown_appointment", "This appointment is not part of the plan."});
    else if (!may(by.roles, Permission::plan_staff))
      out.push_back({"assign." + id, "forbidden", "Only a team lead can change the plan."});
  }
  return out;
}

// The assignments that differ from the planner's decision (a form sends every row).
std::map<Id, Id> changes_of(const std::map<Id, Id>& assignments, const std::vector<DayPlan>& days) {
  std::map<Id, Id> out = assignments;
  for (const DayPlan& d : days)
    for (const replan::PlanEntry& e : d.result.plan.entries)
      if (const auto it = out.find(e.appointment_id); it != out.end() && it->second == e.to_staff) out.erase(it);
  return out;
}

}  // namespace

Result<AbsencePlan> make_plan(store::WriteTx& tx, const Catalog& catalog, const AbsenceActor& by,
                              const AbsenceRequest& request, const std::map<Id, Id>& assignments, Instant now,
                              const AbsencePolicy& policy, std::vector<DayPlan>* days_out,
                              const std::string* must_match) {
  if (auto refused = may_record(catalog, by, request.staff_id)) return tl::unexpected(*refused);
  if (auto fields = check_request(request, now, policy.max_days); !fields.empty()) return invalid(std::move(fields));
  const Staff& absent = *catalog.staff_member(request.staff_id);
  const Location* location = catalog.location(absent.location_id);
  if (location == nullptr) return fail(ErrorKind::not_found, "No such location.");
  const Absence absence{"", absent.id, request.from, request.to, request.reason};
  std::vector<DayPlan> days;
  for (LocalDate day : days_of(*location, request)) {
    replan::DayInput input{location->id, day, appointments_of_day(tx, *location, day), {absence}};
    replan::Replanning result = replan::plan_absences(catalog, input, {policy.search_nodes, {}});
    days.push_back({std::move(input), std::move(result)});
  }
  AbsencePlan plan{request, {}, {}, fingerprint(catalog, location->id, days)};
  // A stale plan is refused before its rows are checked: they were chosen for another day.
  if (must_match != nullptr && *must_match != plan.fingerprint)
    return fail(ErrorKind::not_changeable,
                "The appointments or the staff changed since this plan was made. Please plan again.");
  const std::map<Id, Id> changes = changes_of(assignments, days);
  plan.changed_by_hand = static_cast<int>(changes.size());
  std::vector<FieldError> fields = check_assignments(by, changes, days);
  if (fields.empty())
    for (DayPlan& d : days)
      for (FieldError& f : override_day(catalog, d, changes)) fields.push_back(std::move(f));
  if (!fields.empty())
    return fail(ErrorKind::validation, "Some of the changed assignments are not possible.", std::move(fields));
  for (std::size_t i = 0; i < days.size(); ++i) add_quality(plan.quality, days[i].result.quality, i == 0);
  plan.rows = rows_of(days);
  if (days_out != nullptr) *days_out = std::move(days);
  return plan;
}

}  // namespace amt::app::absence
