// Administration (Verwaltung) of the catalog: services, staff with skills, deputies and working
// plans, responsibility rules, opening hours, closures and the Terminpflicht cut-off date.
// Every change is one store transaction, validated, audited, and visible to availability at once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace amt::app {

// Who makes the change, for the audit log.
struct AdminActor {
  Id account_id;      // "" for an operator's command line
  std::string login;  // copied into the audit entry
};

// A future appointment the change would leave without a valid holder or time.
struct AffectedAppointment {
  Appointment appointment;
  std::string reason;  // service_retired, location_closed, outside_opening_hours, or a re-planning violation
  Id new_staff;        // after a confirmed change: who holds it now; "" when it could not be kept
  bool citizen_told = false;  // it could not be kept and a cancellation mail to the citizen is queued
};

// What a change did, or would do. A change that affects appointments is not applied unless the
// caller confirmed it (reassign = true); then each affected appointment goes to a qualified free
// colleague where re-planning finds one, and is cancelled with a mail to the citizen where not.
struct ChangeReport {
  bool applied = false;
  std::vector<AffectedAppointment> affected;  // by start time

  int kept() const;    // affected and reassigned
  int dropped() const; // affected and cancelled
};

struct AdminPolicy {
  std::string public_url;   // for the links in cancellation mails
  int look_ahead_days = 800;  // how far ahead appointments are checked (beyond any horizon)
};

class Administration {
 public:
  Administration(store::Store& store, CatalogHolder& catalogs, const Clock& clock, AdminPolicy policy);

  // Services: add fails on a taken id; change and retire on an unknown one. Retiring keeps the
  // service's record (past appointments name it) but nobody can book it any more.
  Result<ChangeReport> add_service(const AdminActor& by, const Service& service);
  Result<ChangeReport> change_service(const AdminActor& by, const Service& service, bool reassign);
  Result<ChangeReport> retire_service(const AdminActor& by, const Id& service_id, bool reassign);

  // Staff: the whole record (skills, team, deputies, plan). Retiring removes the person from
  // planning and from everyone's deputies.
  Result<ChangeReport> add_staff(const AdminActor& by, const Staff& staff);
  Result<ChangeReport> change_staff(const AdminActor& by, const Staff& staff, bool reassign);
  Result<ChangeReport> retire_staff(const AdminActor& by, const Id& staff_id, bool reassign);

  // Locations: the rules of one location as a whole list, its weekly hours, one closure day, and
  // the Terminpflicht cut-off date.
  Result<ChangeReport> set_responsibility_rules(const AdminActor& by, const Id& location_id,
                                                const std::vector<ResponsibilityRule>& rules);
  Result<ChangeReport> set_opening_hours(const AdminActor& by, const Id& location_id, const WeekHours& hours,
                                         bool reassign);
  Result<ChangeReport> add_closure(const AdminActor& by, const Id& location_id, LocalDate day, bool reassign);
  Result<ChangeReport> remove_closure(const AdminActor& by, const Id& location_id, LocalDate day);
  Result<ChangeReport> set_terminpflicht(const AdminActor& by, const Id& location_id, LocalDate from);

  // The general form the above share (and the staff CSV import uses): change a copy of the
  // committed catalog; return field errors to refuse. `action`, `subject_*` and `detail` go to
  // the audit log. A dry run does everything but write: the report says what would happen.
  struct Change {
    std::string action;  // e.g. "catalog.service.add"
    std::string subject_type;
    std::string subject_id;
    std::string detail;
    std::function<std::vector<FieldError>(Catalog&)> apply;
  };
  Result<ChangeReport> change(const AdminActor& by, const Change& change, bool reassign, bool dry_run = false);

  std::shared_ptr<const CatalogSnapshot> catalog() const { return catalogs_.current(); }

 private:
  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  AdminPolicy policy_;
};

}  // namespace amt::app
