// Use cases of the waiting queue on site: issue tickets at the kiosk (check-in by booking code,
// emergency, walk-in before the Terminpflicht cut-off) and move them through their life cycle
// (call next or a specific one, recall, no-show, put back, start, finish, hand to a colleague).
// Every change is one conditional store write, so two callers never get the same ticket.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "core/queue.hpp"
#include "store/store.hpp"

namespace amt::app {

struct TicketPolicy {
  CheckInRules check_in;
  Minutes alarm_after{30};  // an emergency waiting longer raises the alarm at reception
};

// What a check-in by booking code came to. verdict is empty for an unknown code (or one of
// another location: the same answer, so codes cannot be probed across offices).
struct CheckInAnswer {
  std::optional<CheckInVerdict> verdict;
  std::optional<Ticket> ticket;  // on_time, and already_checked_in (the same ticket again)
  Instant from{};                // early: the first moment a check-in is accepted
  std::optional<Appointment> appointment;  // known codes: for the time and place to show
};

// Who acts on the queue: a staff member of the catalog. Reception (the emergency desk) calls
// emergencies and may act on any ticket; a caseworker acts on the tickets they called.
struct Actor {
  Id staff_id;
  bool reception = false;
};

// The detail of the error for calling while the desk still has a visitor (called or in service).
inline constexpr std::string_view desk_busy = "You still have a visitor: finish or hand over that ticket first.";

class Tickets {
 public:
  Tickets(store::Store& store, CatalogHolder& catalogs, const Clock& clock, TicketPolicy policy = {});

  // Kiosk side. request_id makes a tap idempotent: the same id always answers with the same
  // ticket, however often it is sent (empty: no protection).
  Result<CheckInAnswer> check_in(const Id& location_id, std::string_view code, std::string_view request_id);
  Result<Ticket> emergency(const Id& location_id, std::string_view request_id);
  // Empty when the Terminpflicht applies today: the visitor is guided to book instead.
  Result<std::optional<Ticket>> walk_in(const Id& location_id, const Id& service_id, std::string_view request_id);

  // Staff side: one visitor at a time per desk. A staff member holds at most one ticket called or
  // in service per location and day; the database refuses a second one (migration 013), on every
  // server. Calling while holding one fails with desk_busy (call_next, call) or answers with the
  // held ticket (call_next_once).
  // Empty: nobody is waiting whom this actor may call.
  Result<std::optional<Ticket>> call_next(const Id& location_id, const Actor& actor);
  // The desk's "call next": while the actor still has a called or running ticket today, that one
  // comes back with `already` and nobody else is called, so a double submit, a retried request or
  // the same person pressing on two servers at once never calls a second visitor.
  struct DeskCall {
    std::optional<Ticket> ticket;  // empty: nobody is waiting whom this actor may call
    bool already = false;
  };
  Result<DeskCall> call_next_once(const Id& location_id, const Actor& actor);
  // A specific waiting ticket, or one marked no-show (re-called on purpose).
  Result<Ticket> call(const Id& ticket_id, const Actor& actor);
  Result<Ticket> recall(const Id& ticket_id, const Actor& actor);
  Result<Ticket> no_show(const Id& ticket_id, const Actor& actor);
  Result<Ticket> requeue(const Id& ticket_id, const Actor& actor);  // no-show back to waiting
  Result<Ticket> start(const Id& ticket_id, const Actor& actor);
  Result<Ticket> finish(const Id& ticket_id, const Actor& actor);
  // Hands a waiting or called ticket to a colleague: it waits again, for them only.
  Result<Ticket> transfer(const Id& ticket_id, const Id& to_staff_id, const Actor& actor);

  // Today's tickets of a location in issue order (reception, display, tests).
  std::vector<Ticket> today(const Id& location_id) const;
  Instant now() const { return clock_.now(); }
  const TicketPolicy& policy() const { return policy_; }

 private:
  struct Change;
  Result<Ticket> issue(const Id& location_id, TicketKind kind, const Id& service_id, std::string_view request_id);
  Result<Ticket> change(const Id& ticket_id, const Actor& actor, const Change& how);

  Result<DeskCall> call_first(const Id& location_id, const Actor& actor);

  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  TicketPolicy policy_;
};

}  // namespace amt::app
