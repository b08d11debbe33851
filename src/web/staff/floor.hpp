// What the two staff floor pages share (reception: reception_pages.cpp, the caseworker's desk:
// desk_pages.cpp): where the account works, tickets as table rows, colleagues to hand a ticket
// to, the flash messages after a POST, and the live part (the queue's event stream).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "web/staff/staff_routes.hpp"

namespace amt::web::staff::floor {

// The location whose queue an account sees: the account's own, else its staff member's.
const Location* location_of(const app::CatalogSnapshot& snapshot, const StaffAccount& account);

// One ticket as a row: number, kind, waiting time, the appointment's time, who it is for. Never a
// visitor's name: tickets carry numbers.
Data ticket_row(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Location& location,
                const Ticket& t, Instant now);
// Active colleagues of the location with their rooms, for "hand over", by name.
List colleagues(const app::CatalogSnapshot& snapshot, const Id& location_id, const Id& except_staff_id);

// The waiting tickets in queue order (emergencies first).
std::vector<Ticket> waiting_in_order(const std::vector<Ticket>& today);
// A ticket of today at this location, or nothing (ids of other locations are not acted on).
std::optional<Ticket> ticket_here(const std::vector<Ticket>& today, std::string_view id);

// After a POST the page is shown again (POST-redirect-GET) with ?did=... or ?problem=... and the
// ticket number; both are checked against fixed lists before they reach the page.
std::string after_post(std::string_view path, std::string_view key, std::string_view value, std::string_view number);
void add_flash(const StaffPage& page, const http::Request& request, Data& data);
// The message for an app error of a ticket change (lost a race, not one's ticket, gone).
std::string problem_key(const app::Error& error);

// data-events and data-stamp of the live part: with JavaScript the page listens to the queue's
// event stream and fetches itself again when the stamp changes.
void add_live(Data& data, std::string_view events_path, const std::vector<Ticket>& today, Instant now,
              const app::TicketPolicy& policy);
// The event stream of a location's queue: a "queue" event with the stamp now and on every change.
// Only for clients that ask for text/event-stream (EventSource does); others get 406 at once
// instead of a response that never ends.
http::Response queue_events(StaffContext& c, const http::Request& request, const Id& location_id);

}  // namespace amt::web::staff::floor
