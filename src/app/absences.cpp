// Planning an absence: who may record it, which days it touches, the re-planning core's plan for
// each of them with the team lead's changes checked by replan::validate, and the fingerprint of
// everything the plan was made from.
#include "app/absences.hpp"

#include <algorithm>

#include "app/absences_detail.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace absence {
namespace {

FieldError field(std::string name, std::string code, std::string message) {
  return {std::move(name), std::move(code), std::move(message)};
}

std::string violation_message(replan::Violation v) {
  switch (v) {
    case replan::Violation::not_qualified:
      return "This colleague does not have the skill for this concern.";
    case replan::Violation::outside_working_time:
      return "This colleague does not work at that time.";
    case replan::Violation::in_break:
      return "This colleague has a break at that time.";
    case replan::Violation::absent:
      return "This colleague is absent at that time.";
    case replan::Violation::double_booked:
      return "This colleague already has an appointment at that time.";
    case replan::Violation::not_a_deputy:
      return "Only the citizen's caseworker or their deputies may take this appointment.";
    case replan::Violation::bound_to_person:
      return "This appointment is bound to its caseworker, who can keep it.";
    case replan::Violation::unknown_staff:
      return "No such colleague at this location.";
    default:
      return "This assignment is not possible.";
  }
}

// The changed row a violation is about: its own, or for a double booking found on the other
// appointment, the changed one given to the same person.
Id changed_row(const std::map<Id, Id>& assignments, const replan::PlanViolation& v) {
  if (assignments.contains(v.appointment_id)) return v.appointment_id;
  for (const auto& [id, staff] : assignments)
    if (staff == v.staff_id) return id;
  return v.appointment_id;
}

}  // namespace

std::optional<Error> may_record(const Catalog& catalog, const AbsenceActor& by, const Id& staff_id) {
  const Staff* s = catalog.staff_member(staff_id);
  const Staff* self = catalog.staff_member(by.staff_id);
  const auto refused = Error{ErrorKind::not_found, "You may not record absences for this person.", {}};
  if (s == nullptr || !s->active || self == nullptr) return refused;
  if (!by.location_id.empty() && s->location_id != by.location_id) return refused;
  if (s->location_id != self->location_id) return refused;
  if (s->id == self->id && may(by.roles, Permission::serve_visitors)) return std::nullopt;
  if (may(by.roles, Permission::plan_staff) && !self->team.empty() && s->team == self->team) return std::nullopt;
  return refused;
}

std::vector<FieldError> check_request(const AbsenceRequest& r, Instant now, int max_days) {
  std::vector<FieldError> out;
  if (r.to <= r.from) out.push_back(field("to", "before_start", "The end must be after the start."));
  else if (r.to - r.from > std::chrono::days{max_days})
    out.push_back(field("to", "too_long", "Record at most " + std::to_string(max_days) + " days at once."));
  if (r.to <= now) out.push_back(field("to", "past", "The absence has already ended."));
  if (r.reason.size() > 200) out.push_back(field("reason", "too_long", "Keep the reason under 200 characters."));
  return out;
}

std::vector<LocalDate> days_of(const Location& l, const AbsenceRequest& r) {
  const Zone z = zone(l.time_zone);
  std::vector<LocalDate> days;
  for (LocalDate d = local_date(z, r.from); d <= local_date(z, r.to - std::chrono::seconds{1});
       d = d + date::days{1})
    days.push_back(d);
  return days;
}

// Everything re-planning reads about the location and the days, in a stable order.
std::string fingerprint(const Catalog& catalog, const Id& location_id, const std::vector<DayPlan>& days) {
  std::string s = location_id;
  for (const Staff& st : catalog.staff) {
    if (st.location_id != location_id) continue;
    s += "|s" + st.id + (st.active ? "+" : "-") + st.team;
    for (const Id& k : st.skills) s += "," + k;
    for (const Id& d : st.deputies) s += ">" + d;
    for (const WorkDay& w : st.plan) {
      for (const TimeRange& t : w.shifts) s += ";" + std::to_string(t.start.minutes) + "-" + std::to_string(t.end.minutes);
      for (const TimeRange& t : w.breaks) s += ":" + std::to_string(t.start.minutes) + "-" + std::to_string(t.end.minutes);
    }
  }
  for (const Absence& a : catalog.absences)
    s += "|a" + a.staff_id + "@" + std::to_string(a.from.time_since_epoch().count()) + "-" +
         std::to_string(a.to.time_since_epoch().count());
  for (const DayPlan& d : days)
    for (const Appointment& a : d.input.appointments)
      s += "|p" + a.id + "=" + a.staff_id + "/" + std::to_string(static_cast<int>(a.status)) + "@" +
           std::to_string(a.start.time_since_epoch().count()) + "-" + std::to_string(a.end.time_since_epoch().count());
  return sha256_hex(s);
}

// Applies the team lead's changes to one day's plan; the violations they cause, as field errors.
std::vector<FieldError> override_day(const Catalog& catalog, DayPlan& day, const std::map<Id, Id>& assignments) {
  bool changed = false;
  for (replan::PlanEntry& e : day.result.plan.entries) {
    const auto it = assignments.find(e.appointment_id);
    if (it == assignments.end() || it->second == e.to_staff) continue;
    e.to_staff = it->second;
    changed = true;
  }
  if (!changed) return {};
  std::vector<FieldError> out;
  for (const replan::PlanViolation& v : replan::validate(catalog, day.input, day.result.plan))
    out.push_back(field("assign." + changed_row(assignments, v), replan::to_string(v.violation),
                        violation_message(v.violation)));
  return out;
}

void add_quality(replan::PlanQuality& sum, const replan::PlanQuality& q, bool first) {
  sum.appointments += q.appointments;
  sum.displaced += q.displaced;
  sum.kept += q.kept;
  sum.upper_bound += q.upper_bound;
  sum.relaxation_bound += q.relaxation_bound;
  sum.seed_kept += q.seed_kept;
  sum.moves += q.moves;
  sum.nodes += q.nodes;
  sum.deputy_rank_sum += q.deputy_rank_sum;
  sum.proven_optimal = (first || sum.proven_optimal) && q.proven_optimal;
  sum.preferences_proven = (first || sum.preferences_proven) && q.preferences_proven;
}

// The rows a person reviewing the plan needs: the absent person's appointments and those moved.
std::vector<AbsenceRow> rows_of(const std::vector<DayPlan>& days) {
  std::vector<AbsenceRow> rows;
  for (const DayPlan& d : days)
    for (const replan::PlanEntry& e : d.result.plan.entries) {
      if (!e.displaced && e.to_staff == e.from_staff) continue;
      const auto a = std::find_if(d.input.appointments.begin(), d.input.appointments.end(),
                                  [&](const Appointment& x) { return x.id == e.appointment_id; });
      if (a != d.input.appointments.end()) rows.push_back({*a, e.to_staff, e.outcome(), e.displaced});
    }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const AbsenceRow& x, const AbsenceRow& y) { return x.appointment.start < y.appointment.start; });
  return rows;
}

}  // namespace absence

int AbsencePlan::count(replan::Outcome o) const {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [o](const AbsenceRow& r) { return r.outcome == o; }));
}

Absences::Absences(store::Store& store, CatalogHolder& catalogs, const Clock& clock, AbsencePolicy policy)
    : store_(store), catalogs_(catalogs), clock_(clock), policy_(std::move(policy)) {}

std::vector<Staff> Absences::recordable(const AbsenceActor& by) const {
  const auto snapshot = catalogs_.current();
  std::vector<Staff> out;
  for (const Staff& s : snapshot->catalog.staff)
    if (!absence::may_record(snapshot->catalog, by, s.id)) out.push_back(s);
  std::sort(out.begin(), out.end(), [](const Staff& x, const Staff& y) { return x.name < y.name; });
  return out;
}

std::vector<Absence> Absences::upcoming(const AbsenceActor& by) const {
  const auto snapshot = catalogs_.current();
  const Instant now = clock_.now();
  std::vector<Absence> out;
  for (const Absence& a : snapshot->catalog.absences)
    if (a.to > now && !absence::may_record(snapshot->catalog, by, a.staff_id)) out.push_back(a);
  std::sort(out.begin(), out.end(), [](const Absence& x, const Absence& y) { return x.from < y.from; });
  return out;
}

Result<AbsencePlan> Absences::plan(const AbsenceActor& by, const AbsenceRequest& request,
                                   const std::map<Id, Id>& assignments) const {
  Result<AbsencePlan> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {  // read only: nothing is written
    const Catalog catalog = tx.load_catalog();
    result = absence::make_plan(tx, catalog, by, request, assignments, clock_.now(), policy_);
  });
  return result;
}

}  // namespace amt::app
