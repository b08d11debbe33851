// How ticket kinds, statuses and actions are spelled in the database; both backends use these.
#pragma once

#include <optional>
#include <string_view>

#include "core/queue.hpp"

namespace amt::store {

std::string_view ticket_kind_name(TicketKind k);
std::string_view ticket_status_name(TicketStatus s);
std::string_view ticket_action_name(TicketAction a);
// Throw std::runtime_error for a spelling the schema's CHECK constraints would not allow.
TicketKind ticket_kind_from(std::string_view s);
TicketStatus ticket_status_from(std::string_view s);
TicketAction ticket_action_from(std::string_view s);

}  // namespace amt::store
