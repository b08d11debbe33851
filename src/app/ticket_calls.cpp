// The staff side of the queue: call, recall, no-show, put back, start, finish, hand over. Each
// change is conditional on the status the actor saw (WriteTx::change_ticket), so of two people
// acting on one ticket at once only the first one's change happens.
#include <algorithm>
#include <functional>
#include <stdexcept>

#include "app/ticket_day.hpp"
#include "app/tickets.hpp"

namespace amt::app {

// One kind of change: from which statuses it is allowed and what it does to the ticket.
struct Tickets::Change {
  std::vector<TicketStatus> from;
  TicketAction action;
  std::function<void(Ticket&)> apply;
  std::function<bool(const Ticket&)> may;  // whether the actor may do it to this ticket
};

namespace {

// The appointment behind a ticket follows the ticket, so the day schedule shows the same.
AppointmentStatus appointment_status(TicketStatus s) {
  switch (s) {
    case TicketStatus::waiting: return AppointmentStatus::checked_in;
    case TicketStatus::called: return AppointmentStatus::called;
    case TicketStatus::in_service: return AppointmentStatus::in_service;
    case TicketStatus::done: return AppointmentStatus::done;
    case TicketStatus::no_show: return AppointmentStatus::no_show;
    case TicketStatus::cancelled: return AppointmentStatus::cancelled;
  }
  return AppointmentStatus::checked_in;
}

void follow(store::WriteTx& tx, const Ticket& t) {
  if (t.appointment_id.empty()) return;
  auto a = tx.appointment_by_id(t.appointment_id);
  if (!a) return;
  a->status = appointment_status(t.status);
  tx.update_appointment(*a);
}

Caller caller_for(const Staff& staff, const Actor& actor) { return {staff.id, staff.skills, actor.reception}; }

void mark_called(Ticket& t, const Staff& staff, Instant now) {
  t.status = TicketStatus::called;
  t.staff_id = staff.id;
  t.room = staff.room;
  t.called_at = now;
}

// Whether the change would give the ticket's staff member a second visitor at once (the store
// refuses that too; asking first tells the user why).
bool holds_another(store::WriteTx& tx, const Ticket& changed, Instant now) {
  if (changed.status != TicketStatus::called && changed.status != TicketStatus::in_service) return false;
  return held_by(tickets_of_day(tx, changed.location_id, changed.day, now), changed.staff_id, changed.id).has_value();
}

// How often one call_next may lose a ticket to another caller before giving up: each loss means
// someone else called a ticket, so this bounds a queue far longer than any office's.
constexpr int max_lost_races = 256;

}  // namespace

Result<std::optional<Ticket>> Tickets::call_next(const Id& location_id, const Actor& actor) {
  auto called = call_first(location_id, actor);
  if (!called) return tl::unexpected(called.error());
  if (called->already) return fail(ErrorKind::not_changeable, std::string(desk_busy));
  return called->ticket;
}

// No lock of its own (an in-process mutex used to serialise these calls): the store's single
// writer (SQLite) or the unique index of migration 013 (PostgreSQL, across servers) decides
// which of two simultaneous presses calls, and the other finds that ticket below.
Result<Tickets::DeskCall> Tickets::call_next_once(const Id& location_id, const Actor& actor) {
  return call_first(location_id, actor);
}

// A ticket the actor still holds (called or in service) answers instead of a new call; it is read
// in the same write transaction that would call the next one. A lost race (the ticket changed, or
// another press of this actor called one first) reads the day again.
Result<Tickets::DeskCall> Tickets::call_first(const Id& location_id, const Actor& actor) {
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(location_id);
  const Staff* staff = snapshot->catalog.staff_member(actor.staff_id);
  if (location == nullptr || staff == nullptr) return fail(ErrorKind::not_found, "No such location or staff member.");
  const Caller caller = caller_for(*staff, actor);
  const Instant now = clock_.now();
  const LocalDate day = local_date(zone(location->time_zone), now);
  DeskCall out;
  store_.write([&](store::WriteTx& tx) {
    out = {};
    for (int attempt = 0; attempt < max_lost_races; ++attempt) {
      auto today = tickets_of_day(tx, location_id, day, now);
      if (auto held = held_by(today, staff->id)) {
        out = {std::move(held), true};
        return;
      }
      auto id = next_ticket(today, caller);
      if (!id) return;
      Ticket t = *std::find_if(today.begin(), today.end(), [&](const Ticket& w) { return w.id == *id; });
      mark_called(t, *staff, now);
      if (!tx.change_ticket(t, TicketStatus::waiting, {t.id, TicketAction::called, now, staff->id, t.room})) continue;
      follow(tx, t);
      out = {t, false};
      return;
    }
    throw std::runtime_error("call_next: lost every race for a ticket");
  });
  return out;
}

Result<Ticket> Tickets::change(const Id& ticket_id, const Actor& actor, const Change& how) {
  const Instant now = clock_.now();
  Result<Ticket> out = fail(ErrorKind::not_found, "No such ticket.");
  store_.write([&](store::WriteTx& tx) {
    out = fail(ErrorKind::not_found, "No such ticket.");
    auto t = tx.ticket_by_id(ticket_id);
    if (!t) return;
    if (!how.may(*t)) {
      out = fail(ErrorKind::not_changeable, "This ticket is with a colleague.");
      return;
    }
    const TicketStatus seen = t->status;
    if (std::find(how.from.begin(), how.from.end(), seen) == how.from.end()) {
      out = fail(ErrorKind::not_changeable, "The ticket is not in a state for this.");
      return;
    }
    Ticket changed = *t;
    how.apply(changed);
    if (holds_another(tx, changed, now)) {
      out = fail(ErrorKind::not_changeable, std::string(desk_busy));
      return;
    }
    if (!tx.change_ticket(changed, seen, {changed.id, how.action, now, actor.staff_id, changed.room})) {
      out = fail(ErrorKind::not_changeable, "Someone else changed the ticket just now.");
      return;
    }
    follow(tx, changed);
    out = changed;
  });
  return out;
}

namespace {
// A caseworker acts on the tickets they hold; reception on any.
bool holds(const Actor& actor, const Ticket& t) { return actor.reception || t.staff_id == actor.staff_id; }
}  // namespace

Result<Ticket> Tickets::call(const Id& ticket_id, const Actor& actor) {
  auto snapshot = catalogs_.current();
  const Staff* staff = snapshot->catalog.staff_member(actor.staff_id);
  if (staff == nullptr) return fail(ErrorKind::not_found, "No such staff member.");
  const Caller caller = caller_for(*staff, actor);
  const Instant now = clock_.now();
  return change(ticket_id, actor,
                {{TicketStatus::waiting, TicketStatus::no_show}, TicketAction::called,
                 [&](Ticket& t) { mark_called(t, *staff, now); },
                 [&](const Ticket& t) {
                   if (t.status == TicketStatus::no_show) return holds(actor, t);  // re-called on purpose
                   return may_call(caller, t);
                 }});
}

Result<Ticket> Tickets::recall(const Id& ticket_id, const Actor& actor) {
  const Instant now = clock_.now();
  return change(ticket_id, actor,
                {{TicketStatus::called}, TicketAction::recalled, [&](Ticket& t) { t.called_at = now; },
                 [&](const Ticket& t) { return holds(actor, t); }});
}

Result<Ticket> Tickets::no_show(const Id& ticket_id, const Actor& actor) {
  return change(ticket_id, actor,
                {{TicketStatus::called}, TicketAction::no_show, [](Ticket& t) { t.status = TicketStatus::no_show; },
                 [&](const Ticket& t) { return holds(actor, t); }});
}

// Back to waiting in its old place (the queue orders by booked time or issue time); the room is
// cleared, and an appointment's own caseworker stays assigned, anyone else's claim is dropped.
Result<Ticket> Tickets::requeue(const Id& ticket_id, const Actor& actor) {
  return change(ticket_id, actor,
                {{TicketStatus::no_show}, TicketAction::requeued,
                 [&](Ticket& t) {
                   t.status = TicketStatus::waiting;
                   t.room.clear();
                   if (t.kind != TicketKind::appointment) t.staff_id.clear();
                 },
                 [&](const Ticket& t) { return holds(actor, t); }});
}

Result<Ticket> Tickets::start(const Id& ticket_id, const Actor& actor) {
  return change(ticket_id, actor,
                {{TicketStatus::called}, TicketAction::started, [](Ticket& t) { t.status = TicketStatus::in_service; },
                 [&](const Ticket& t) { return holds(actor, t); }});
}

Result<Ticket> Tickets::finish(const Id& ticket_id, const Actor& actor) {
  return change(ticket_id, actor,
                {{TicketStatus::in_service}, TicketAction::finished, [](Ticket& t) { t.status = TicketStatus::done; },
                 [&](const Ticket& t) { return holds(actor, t); }});
}

Result<Ticket> Tickets::transfer(const Id& ticket_id, const Id& to_staff_id, const Actor& actor) {
  auto snapshot = catalogs_.current();
  if (snapshot->catalog.staff_member(to_staff_id) == nullptr)
    return invalid({{"to_staff", "unknown", "No such staff member."}});
  return change(ticket_id, actor,
                {{TicketStatus::waiting, TicketStatus::called}, TicketAction::transferred,
                 [&](Ticket& t) {
                   t.status = TicketStatus::waiting;
                   t.staff_id = to_staff_id;
                   t.room.clear();
                 },
                 [&](const Ticket& t) { return holds(actor, t) || t.staff_id.empty(); }});
}

}  // namespace amt::app
