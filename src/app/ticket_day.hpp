// Helpers shared by the ticket use cases: a location's tickets of one service day, and the next
// ticket of a kind with its display number.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/queue.hpp"
#include "store/store.hpp"

namespace amt::app {

// Tickets are read in a window around now and kept by their service day: a day is at most 25
// hours long (DST), so now ± 26 h holds every ticket of today.
inline constexpr std::chrono::hours ticket_window{26};

std::vector<Ticket> of_day(std::vector<Ticket> tickets, LocalDate day);
std::vector<Ticket> tickets_of_day(store::WriteTx& tx, const Id& location_id, LocalDate day, Instant now);
std::optional<Ticket> ticket_of_appointment(store::WriteTx& tx, const Id& location_id, LocalDate day,
                                            Instant now, const Id& appointment_id);

// The ticket a staff member holds (called or in service) among a day's tickets, other than except_id:
// at most one, since the store refuses a second.
std::optional<Ticket> held_by(const std::vector<Ticket>& today, const Id& staff_id, const Id& except_id = {});

// Display numbers per location, day and kind: N01.. for emergencies (Notfall), T001.. for
// appointments (Termin), W001.. for walk-ins. A second writer choosing the same number at the
// same time is refused by the store's unique constraint and runs again.
std::string next_number(const std::vector<Ticket>& today, TicketKind kind);
Ticket new_ticket(store::WriteTx& tx, const Id& location_id, LocalDate day, Instant now, TicketKind kind);

}  // namespace amt::app
