// The pieces of absence planning that planning and applying share (absences*.cpp only).
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "app/absences.hpp"

namespace amt::app::absence {

struct DayPlan {
  replan::DayInput input;
  replan::Replanning result;
};

// nullopt when `by` may record an absence for staff_id (see Absences::recordable).
std::optional<Error> may_record(const Catalog& catalog, const AbsenceActor& by, const Id& staff_id);
std::vector<FieldError> check_request(const AbsenceRequest& r, Instant now, int max_days);
std::vector<LocalDate> days_of(const Location& l, const AbsenceRequest& r);
std::string fingerprint(const Catalog& catalog, const Id& location_id, const std::vector<DayPlan>& days);
std::vector<FieldError> override_day(const Catalog& catalog, DayPlan& day, const std::map<Id, Id>& assignments);
void add_quality(replan::PlanQuality& sum, const replan::PlanQuality& q, bool first);
std::vector<AbsenceRow> rows_of(const std::vector<DayPlan>& days);

// The whole plan inside a transaction: rights, checks, one re-planning per day, the changes.
// `days_out` receives the day plans (for applying them); with `must_match`, a plan whose
// fingerprint differs is refused (not_changeable) before the assignments are checked.
Result<AbsencePlan> make_plan(store::WriteTx& tx, const Catalog& catalog, const AbsenceActor& by,
                              const AbsenceRequest& request, const std::map<Id, Id>& assignments, Instant now,
                              const AbsencePolicy& policy, std::vector<DayPlan>* days_out = nullptr,
                              const std::string* must_match = nullptr);

}  // namespace amt::app::absence
