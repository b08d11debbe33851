// The one path every catalog change takes: read the committed catalog inside a write, change a
// copy, validate it, find the future appointments it would orphan, and either stop there (the
// admin sees the list) or write the catalog, reassign or cancel those appointments, tell their
// citizens and audit it all, in the same transaction. Then the new catalog is served at once.
#include "app/administration.hpp"

#include <algorithm>

#include "app/administration_orphans.hpp"
#include "app/booking_mail.hpp"
#include "app/reminder_messages.hpp"

namespace amt::app {
namespace {

struct Window {
  std::vector<Appointment> day_mates;   // everything holding time from a day before now on
  std::vector<Appointment> candidates;  // booked, not yet begun: what a change may orphan
};

Window future_appointments(store::WriteTx& tx, const Catalog& before, const Catalog& after, Instant now,
                           int days) {
  std::vector<Id> locations;
  for (const Catalog* c : {&before, &after})
    for (const Location& l : c->locations)
      if (std::find(locations.begin(), locations.end(), l.id) == locations.end()) locations.push_back(l.id);
  Window w;
  for (const Id& id : locations)
    for (Appointment& a : tx.appointments(id, now - std::chrono::days{1}, now + std::chrono::days{days})) {
      if (a.status == AppointmentStatus::booked && a.start >= now) w.candidates.push_back(a);
      w.day_mates.push_back(std::move(a));
    }
  return w;
}

void audit(store::WriteTx& tx, const AdminActor& by, Instant now, std::string action, std::string type,
           std::string id, std::string detail) {
  tx.append_audit({0, now, by.account_id, by.login, std::move(action), std::move(type), std::move(id),
                   std::move(detail)});
}

// What a confirmed change does to the appointments it affects, inside its transaction.
struct Carry {
  const AdminActor& by;
  Instant now;
  const Catalog& after;
  const std::string& public_url;
  std::string source;  // the change, named in each appointment's audit entry
};

// Moves or cancels one appointment as re-planning decided; true when its citizen was mailed.
bool settle(store::WriteTx& tx, const Carry& c, Appointment a, const Id& to_staff) {
  const Id from = a.staff_id;
  if (!to_staff.empty()) {
    a.staff_id = to_staff;
    tx.update_appointment(a);
    audit(tx, c.by, c.now, "appointment.reassign", "appointment", a.id,
          from + " -> " + to_staff + " after " + c.source);
    return false;
  }
  a.status = AppointmentStatus::cancelled;
  tx.update_appointment(a);
  withdraw_reminders(tx, a, c.now);
  const bool told =
      enqueue_booking_mail(tx, BookingMailKind::cancelled, a, c.after, "", c.now, {c.public_url});
  audit(tx, c.by, c.now, "appointment.cancel", "appointment", a.id,
        "cannot be kept after " + c.source +
            (told ? "; citizen told by e-mail" : "; no e-mail: call the citizen"));
  return told;
}

void carry_out(store::WriteTx& tx, const Carry& c, const Window& w, const std::vector<admin::Orphan>& orphans,
               ChangeReport& report) {
  const auto moves = admin::reassign(c.after, w.day_mates, orphans);
  for (const admin::Move& m : moves) {
    auto it = std::find_if(w.day_mates.begin(), w.day_mates.end(),
                           [&](const auto& a) { return a.id == m.appointment_id; });
    if (it == w.day_mates.end()) continue;
    const bool told = settle(tx, c, *it, m.to_staff);
    for (AffectedAppointment& x : report.affected)
      if (x.appointment.id == m.appointment_id) {
        x.new_staff = m.to_staff;
        x.citizen_told = told;
      }
  }
  // An orphan re-planning left where it was is kept by its holder after all.
  for (AffectedAppointment& x : report.affected)
    if (std::none_of(moves.begin(), moves.end(),
                     [&](const admin::Move& m) { return m.appointment_id == x.appointment.id; }))
      x.new_staff = x.appointment.staff_id;
}

}  // namespace

int ChangeReport::kept() const {
  return static_cast<int>(
      std::count_if(affected.begin(), affected.end(), [](const auto& a) { return !a.new_staff.empty(); }));
}

int ChangeReport::dropped() const { return static_cast<int>(affected.size()) - kept(); }

Administration::Administration(store::Store& store, CatalogHolder& catalogs, const Clock& clock,
                               AdminPolicy policy)
    : store_(store), catalogs_(catalogs), clock_(clock), policy_(std::move(policy)) {}

Result<ChangeReport> Administration::change(const AdminActor& by, const Change& change, bool reassign,
                                            bool dry_run) {
  const Instant now = clock_.now();
  std::optional<Error> error;
  ChangeReport report;
  store_.write([&](store::WriteTx& tx) {
    error.reset();
    report = {};
    const Catalog before = tx.load_catalog();
    Catalog after = before;
    if (auto fields = change.apply(after); !fields.empty()) {
      error = Error{ErrorKind::validation, "The change has invalid fields.", std::move(fields)};
      return;
    }
    const Window w = future_appointments(tx, before, after, now, policy_.look_ahead_days);
    const auto orphans = admin::orphans(before, after, w.day_mates, w.candidates);
    for (const admin::Orphan& o : orphans) report.affected.push_back({o.appointment, o.reason, "", false});
    if (dry_run || (!orphans.empty() && !reassign)) return;  // nothing written: the admin decides first
    tx.replace_catalog(after);
    carry_out(tx, {by, now, after, policy_.public_url, change.action + " " + change.subject_id}, w, orphans,
              report);
    std::string detail = change.detail;
    if (!orphans.empty())
      detail += "; affected " + std::to_string(orphans.size()) + ", reassigned " +
                std::to_string(report.kept()) + ", cancelled " + std::to_string(report.dropped());
    audit(tx, by, now, change.action, change.subject_type, change.subject_id, detail);
    report.applied = true;
  });
  if (error) return tl::unexpected(*error);
  if (report.applied) catalogs_.reload();
  return report;
}

}  // namespace amt::app
