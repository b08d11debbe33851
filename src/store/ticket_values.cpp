// Ticket spellings: one table per enum, in enum order, read both ways.
#include "store/ticket_values.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace amt::store {
namespace {

constexpr std::array<std::string_view, 3> kinds = {"emergency", "appointment", "walk_in"};
constexpr std::array<std::string_view, 6> statuses = {"waiting", "called",  "in_service",
                                                      "done",    "no_show", "cancelled"};
constexpr std::array<std::string_view, 9> actions = {"issued",   "called",   "recalled",
                                                     "no_show",  "requeued", "started",
                                                     "finished", "transferred", "cancelled"};

template <typename E, std::size_t N>
E from_name(const std::array<std::string_view, N>& names, std::string_view s, const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  throw std::runtime_error(std::string("unknown ticket ") + what + ": " + std::string(s));
}

}  // namespace

std::string_view ticket_kind_name(TicketKind k) { return kinds.at(static_cast<std::size_t>(k)); }
std::string_view ticket_status_name(TicketStatus s) { return statuses.at(static_cast<std::size_t>(s)); }
std::string_view ticket_action_name(TicketAction a) { return actions.at(static_cast<std::size_t>(a)); }

TicketKind ticket_kind_from(std::string_view s) { return from_name<TicketKind>(kinds, s, "kind"); }
TicketStatus ticket_status_from(std::string_view s) { return from_name<TicketStatus>(statuses, s, "status"); }
TicketAction ticket_action_from(std::string_view s) { return from_name<TicketAction>(actions, s, "action"); }

}  // namespace amt::store
