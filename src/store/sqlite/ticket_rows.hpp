// Reading and writing tickets and their events on one connection; the store's reads and the
// write transaction share these, so each query exists once.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

std::vector<Ticket> tickets_issued(Connection& c, const Id& location_id, Instant from, Instant to);
std::optional<Ticket> ticket_by_id(Connection& c, const Id& id);
std::optional<Ticket> ticket_by_request(Connection& c, std::string_view request_id);
void insert_ticket(Connection& c, const Ticket& t, std::string_view request_id);
bool change_ticket(Connection& c, const Ticket& updated, TicketStatus expected, const TicketEvent& event);
std::vector<TicketEvent> ticket_events(Connection& c, const Id& ticket_id);

}  // namespace amt::store::sqlite
