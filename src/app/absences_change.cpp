// Correcting a recorded absence: ending it early when the person is back, or deleting one entered
// by mistake while it has moved nobody. Both audited; neither re-plans or touches appointments.
#include <algorithm>
#include <cstdio>

#include "app/absences.hpp"
#include "app/absences_detail.hpp"

namespace amt::app {
namespace {

// The moved and cancelled counts in the absence's "absence.record" audit detail, written by apply()
// as "...; absence <id>; moved N, cancelled M...".
std::optional<int> changed_in(const std::string& detail, const Id& absence_id) {
  const std::string marker = "; absence " + absence_id + "; moved ";
  const auto at = detail.find(marker);
  if (at == std::string::npos) return std::nullopt;
  int moved = 0;
  int cancelled = 0;
  if (std::sscanf(detail.c_str() + at + marker.size(), "%d, cancelled %d", &moved, &cancelled) != 2)
    return std::nullopt;
  return moved + cancelled;
}

// The absence this actor may still end or delete (not over yet, theirs to plan), else end().
std::vector<Absence>::iterator changeable_absence(Catalog& catalog, const AbsenceActor& by, const Id& absence_id,
                                                  Instant now) {
  const auto it = std::find_if(catalog.absences.begin(), catalog.absences.end(),
                               [&](const Absence& a) { return a.id == absence_id; });
  if (it == catalog.absences.end() || it->to <= now || !may(by.roles, Permission::plan_staff) ||
      absence::may_record(catalog, by, it->staff_id))
    return catalog.absences.end();
  return it;
}

}  // namespace

int Absences::appointments_changed(const Absence& a) const {
  AuditQuery q{"staff", a.staff_id, "", 0, 200, {}, {}};
  for (;;) {
    const auto page = store_.audit_entries(q);
    for (const AuditEntry& e : page)
      if (e.action == "absence.record")
        if (const auto n = changed_in(e.detail, a.id)) return *n;
    if (static_cast<int>(page.size()) < q.limit) return 0;
    q.before_id = page.back().id;
  }
}

Result<Absence> Absences::end_now(const AbsenceActor& by, const Id& absence_id) {
  Result<Absence> result = fail(ErrorKind::not_found, "No such absence.");
  store_.write([&](store::WriteTx& tx) {
    const Instant now = clock_.now();
    Catalog catalog = tx.load_catalog();
    result = fail(ErrorKind::not_found, "No such absence.");  // again on every retry of this write
    const auto it = changeable_absence(catalog, by, absence_id, now);
    if (it == catalog.absences.end()) return;
    const Absence before = *it;
    if (before.from >= now) catalog.absences.erase(it);  // not begun: nothing of it remains
    else it->to = now;
    tx.replace_catalog(catalog);
    tx.append_audit({0, now, by.account_id, by.login, "absence.end", "staff", before.staff_id,
                     "absence " + before.id + " ended early at " + format_rfc3339_utc(now) +
                         (before.from >= now ? " before it began" : "") +
                         "; moved and cancelled appointments stay so"});
    result = before;
  });
  if (result) catalogs_.reload();
  return result;
}

Result<Absence> Absences::remove(const AbsenceActor& by, const Id& absence_id) {
  const auto snapshot = catalogs_.current();
  const auto& list = snapshot->catalog.absences;
  const auto found = std::find_if(list.begin(), list.end(), [&](const Absence& a) { return a.id == absence_id; });
  // Counted before the transaction: recording an absence writes it and its audit entry together,
  // so an absence that exists already has its final count. One this server has not loaded yet
  // was not counted and is refused below.
  const bool counted = found != list.end();
  const int changed = counted ? appointments_changed(*found) : 0;
  Result<Absence> result = fail(ErrorKind::not_found, "No such absence.");
  store_.write([&](store::WriteTx& tx) {
    const Instant now = clock_.now();
    Catalog catalog = tx.load_catalog();
    result = fail(ErrorKind::not_found, "No such absence.");  // again on every retry of this write
    const auto it = changeable_absence(catalog, by, absence_id, now);
    if (it == catalog.absences.end()) return;
    if (!counted) return;
    if (changed > 0) {
      result = fail(ErrorKind::not_changeable,
                    "This absence has already moved or cancelled appointments; end it instead.");
      return;
    }
    const Absence before = *it;
    catalog.absences.erase(it);
    tx.replace_catalog(catalog);
    tx.append_audit({0, now, by.account_id, by.login, "absence.delete", "staff", before.staff_id,
                     "absence " + before.id + " deleted (recorded by mistake; it had moved nobody)"});
    result = before;
  });
  if (result) catalogs_.reload();
  return result;
}

}  // namespace amt::app
