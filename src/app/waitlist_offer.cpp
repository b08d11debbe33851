// Offering freed times to the waitlist: the hold (an appointment in status held, so every capacity
// check and PostgreSQL's exclusion constraint keep others off it), and holds that run out.
#include <chrono>

#include "app/booking_rules.hpp"
#include "app/secrets.hpp"
#include "app/waitlist.hpp"
#include "app/waitlist_mail.hpp"

namespace amt::app {

namespace {

Appointment held_time_for(store::WriteTx& tx, const WaitlistEntry& e, const Target& t, const Id& staff_id,
                          Instant now) {
  Appointment held;
  held.id = random_nonce();
  do held.code = new_booking_code();
  while (tx.code_exists(held.code));
  held.location_id = t.location->id;
  held.service_id = t.service->id;
  held.staff_id = staff_id;
  held.start = t.start;
  held.end = t.end;
  held.channel = Channel::online;
  held.status = AppointmentStatus::held;
  held.manage_token_hash = sha256_hex(random_nonce());  // nobody can manage it until it is accepted
  held.contact = e.contact;
  held.language = e.language;
  held.created_at = now;
  return held;
}

// Holds the time described by t for entry e when the planner can still place it; false otherwise
// (or when another writer offered e something first).
bool hold_for(store::WriteTx& tx, const WaitlistEntry& e, const Target& t, Instant now, const WaitlistPolicy& policy) {
  const auto placement = t.planner->place(neighbours(tx, t), t.service->id, t.start, now, {});
  if (!placement) return false;
  const Instant latest = t.start - std::chrono::minutes{t.service->lead_time_minutes};
  const Instant until = hold_expiry(*t.location, t.planner->zone(), now, policy.hold_minutes, latest);
  if (until <= now) return false;
  const Appointment held = held_time_for(tx, e, t, placement->staff_id, now);
  WaitlistEntry offered = e;
  offered.status = WaitlistStatus::offered;
  offered.appointment_id = held.id;
  offered.hold_until = until;
  offered.offers += 1;
  offered.changed_at = now;
  if (!tx.change_waitlist_entry(offered, WaitlistStatus::waiting)) return false;
  apply_moves(tx, placement->moves);
  tx.insert_appointment(held);
  enqueue_waitlist_offer(tx, offered, held, t, now, policy);
  return true;
}

}  // namespace

bool offer_freed_time(store::WriteTx& tx, const CatalogSnapshot& snapshot, const Appointment& freed, Instant now,
                      const WaitlistPolicy& policy) {
  Target t;
  t.location = snapshot.catalog.location(freed.location_id);
  t.planner = snapshot.planner(freed.location_id);
  if (!t.location || !t.planner || freed.start <= now) return false;
  for (const WaitlistEntry& e : tx.waiting_entries(freed.location_id)) {
    t.service = snapshot.catalog.service(e.service_id);
    if (!t.service || !t.service->active || t.service->location_id != t.location->id) continue;
    t.start = freed.start;
    t.end = t.start + std::chrono::minutes{t.service->duration_minutes};
    if (!fits(e.wish, t.planner->zone(), t.start, t.end)) continue;
    if (hold_for(tx, e, t, now, policy)) return true;
  }
  return false;
}

int Waitlist::expire_holds() {
  int ended = 0;
  // Read first: most runs find nothing, and a write would queue behind bookings (SQLite's one
  // writer) or take a connection and locks (PostgreSQL) for nothing.
  if (store_.lapsed_waitlist_holds(clock_.now()).empty()) return 0;
  store_.write([&](store::WriteTx& tx) {
    ended = 0;
    const Instant now = clock_.now();
    const auto snapshot = catalogs_.current();
    for (const WaitlistEntry& e : tx.lapsed_waitlist_holds(now)) {
      WaitlistEntry lapsed = e;
      lapsed.status = WaitlistStatus::lapsed;
      lapsed.appointment_id.clear();
      lapsed.hold_until.reset();
      lapsed.changed_at = now;
      if (!tx.change_waitlist_entry(lapsed, WaitlistStatus::offered)) continue;
      ++ended;
      auto held = tx.appointment_by_id(e.appointment_id);
      if (!held || held->status != AppointmentStatus::held) continue;
      held->status = AppointmentStatus::cancelled;
      tx.update_appointment(*held);
      enqueue_waitlist_lapsed(tx, lapsed, *held, snapshot->catalog, now, policy_);
      offer_freed_time(tx, *snapshot, *held, now, policy_);
    }
  });
  return ended;
}

}  // namespace amt::app
