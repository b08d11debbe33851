// Applying an absence's plan: one transaction that re-plans from what is committed, refuses a
// stale plan, records the absence, moves and cancels appointments, queues the citizens' mails and
// writes the audit log.
#include <algorithm>

#include "app/absence_mail.hpp"
#include "app/absences_detail.hpp"
#include "app/reminder_messages.hpp"
#include "app/secrets.hpp"
#include "core/calendar.hpp"

namespace amt::app {
namespace {

struct Writer {
  store::WriteTx& tx;
  const AbsenceActor& by;
  Instant now;
  Id absence_id;

  void audit(std::string action, std::string type, std::string id, std::string detail) {
    tx.append_audit({0, now, by.account_id, by.login, std::move(action), std::move(type), std::move(id),
                     std::move(detail)});
  }
};

std::string when(const Catalog& c, const AbsenceRequest& r) {
  const Staff* s = c.staff_member(r.staff_id);
  const Location* l = s ? c.location(s->location_id) : nullptr;
  const Zone z = zone(l ? l->time_zone : "Europe/Berlin");
  return date::format("%Y-%m-%d %H:%M", to_local(z, r.from)) + " to " + date::format("%Y-%m-%d %H:%M", to_local(z, r.to));
}

}  // namespace

Result<AbsenceApplied> Absences::apply(const AbsenceActor& by, const AbsenceRequest& request,
                                       const std::map<Id, Id>& assignments, const std::string& fingerprint) {
  Result<AbsenceApplied> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    const Instant now = clock_.now();
    Catalog catalog = tx.load_catalog();
    std::vector<absence::DayPlan> days;
    auto plan = absence::make_plan(tx, catalog, by, request, assignments, now, policy_, &days, &fingerprint);
    if (!plan) {
      result = tl::unexpected(plan.error());
      return;
    }
    Writer w{tx, by, now, random_nonce()};
    catalog.absences.push_back({w.absence_id, request.staff_id, request.from, request.to, request.reason});
    tx.replace_catalog(catalog);
    AbsenceApplied applied{w.absence_id, std::move(*plan), 0};
    std::vector<Appointment> cancelled;
    for (AbsenceRow& row : applied.plan.rows) {
      Appointment a = row.appointment;
      if (row.to_staff.empty()) {
        a.status = AppointmentStatus::cancelled;
        tx.update_appointment(a);
        withdraw_reminders(tx, a, now);
        cancelled.push_back(a);
        continue;
      }
      if (row.to_staff == a.staff_id) continue;
      const Id from = a.staff_id;
      a.staff_id = row.to_staff;
      tx.update_appointment(a);
      w.audit("appointment.reassign", "appointment", a.id, from + " -> " + a.staff_id + " after absence " + w.absence_id);
    }
    for (const Appointment& a : cancelled) {
      const Location* l = catalog.location(a.location_id);
      std::vector<Slot> free;
      if (l != nullptr) {
        const Instant from = a.start - std::chrono::days{1};
        free = nearest_free(catalog, tx.appointments(l->id, from, a.start + std::chrono::days{15}), a, now,
                            policy_.alternatives, catalogs_.held_back_minutes());
      }
      const bool told = enqueue_absence_mail(tx, a, catalog, free, now, {policy_.public_url});
      applied.citizens_told += told ? 1 : 0;
      w.audit("appointment.cancel", "appointment", a.id,
              "cannot be kept during absence " + w.absence_id +
                  (told ? "; citizen told by e-mail with " + std::to_string(free.size()) + " free times"
                        : "; no e-mail: call the citizen"));
    }
    w.audit("absence.record", "staff", request.staff_id,
            when(catalog, request) + "; absence " + w.absence_id + "; moved " +
                std::to_string(applied.plan.count(replan::Outcome::moved)) + ", cancelled " +
                std::to_string(applied.plan.count(replan::Outcome::cannot_keep)) +
                (applied.plan.changed_by_hand == 0 ? "" : "; " + std::to_string(applied.plan.changed_by_hand) + " changed by hand"));
    result = std::move(applied);
  });
  if (result) catalogs_.reload();
  return result;
}

}  // namespace amt::app
