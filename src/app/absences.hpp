// Absences (Abwesenheit, Vertretung): a caseworker records their own absence or a team lead one of
// their team; the affected appointments are re-planned, shown for review, and applied in one step.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "core/replanning.hpp"
#include "core/roles.hpp"
#include "store/store.hpp"

namespace amt::app {

// Who records the absence: their account, its roles, and the staff member it belongs to.
struct AbsenceActor {
  Id account_id;
  std::string login;
  RoleSet roles;
  Id staff_id;     // "" for accounts without a staff record (they may record nothing)
  Id location_id;  // "" when the account is not tied to one location
};

struct AbsenceRequest {
  Id staff_id;
  Instant from;  // [from, to)
  Instant to;
  std::string reason;  // free text for colleagues ("ill", "training"); never sent to citizens
};

// One appointment the absence touches, or one moved to make room.
struct AbsenceRow {
  Appointment appointment;
  Id to_staff;  // "" when it cannot be kept
  replan::Outcome outcome = replan::Outcome::kept;
  bool displaced = false;  // its holder is the absent person
};

struct AbsencePlan {
  AbsenceRequest request;
  std::vector<AbsenceRow> rows;  // by start time
  replan::PlanQuality quality;   // summed over the days; proven only when every day is
  std::string fingerprint;       // what the plan was made from; apply() refuses it when that changed
  int changed_by_hand = 0;       // assignments that differ from the planner's decision

  int count(replan::Outcome o) const;
};

// After apply(): the absence's id and what happened to each row.
struct AbsenceApplied {
  Id absence_id;
  AbsencePlan plan;
  int citizens_told = 0;  // mails queued for appointments that could not be kept
};

struct AbsencePolicy {
  std::string public_url;  // base of the links in the citizens' mails
  int max_days = 31;       // longest absence planned in one go
  int alternatives = 3;    // free times offered to a citizen whose appointment cannot be kept
  std::int64_t search_nodes = 200'000;  // re-planning budget per day
};

class Absences {
 public:
  Absences(store::Store& store, CatalogHolder& catalogs, const Clock& clock, AbsencePolicy policy);

  // The staff an actor may record absences for: themselves (serve_visitors) and, for team leads
  // (plan_staff), the active staff of their team at their location. By name.
  std::vector<Staff> recordable(const AbsenceActor& by) const;

  // The plan for a new absence, nothing written. `assignments` (appointment id -> staff id, "" for
  // "cannot be kept") replace single decisions of the planner; only team leads may change one (the
  // same decision as the planner's is no change), and each change is checked (skill, working time, breaks, absences, no double booking).
  Result<AbsencePlan> plan(const AbsenceActor& by, const AbsenceRequest& request,
                           const std::map<Id, Id>& assignments = {}) const;

  // Records the absence and carries out the plan in one audited transaction: moved appointments
  // change holder (their notes and documents stay with them), those that cannot be kept are
  // cancelled and their citizens mailed with the nearest free times. Refused with
  // ErrorKind::not_changeable when the day changed since the plan was made (fingerprint).
  Result<AbsenceApplied> apply(const AbsenceActor& by, const AbsenceRequest& request,
                               const std::map<Id, Id>& assignments, const std::string& fingerprint);

  // Recorded absences of the staff the actor may record for, that have not ended, by start.
  std::vector<Absence> upcoming(const AbsenceActor& by) const;

  // Corrections by a team lead (plan_staff) for the staff they may record for; audited. Refused
  // with not_found when the actor may not, or the absence does not exist or has ended.
  // end_now: the person is back. The absence ends now (one that has not begun is taken out);
  // appointments already moved or cancelled stay so, nothing else is re-planned.
  Result<Absence> end_now(const AbsenceActor& by, const Id& absence_id);
  // remove: an absence recorded by mistake is deleted, but only while its plan has moved or
  // cancelled nobody; otherwise not_changeable (end it instead).
  Result<Absence> remove(const AbsenceActor& by, const Id& absence_id);
  // How many appointments recording the absence moved or cancelled (from its audit entry); 0 for
  // one recorded elsewhere (administration, import), which moves nobody.
  int appointments_changed(const Absence& a) const;

  Instant now() const { return clock_.now(); }

 private:
  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  AbsencePolicy policy_;
};

}  // namespace amt::app
