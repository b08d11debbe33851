// Services routed to the citizen's own caseworker: customer number or surname -> responsible staff
// by configurable rules; when that person is absent, their deputies (Vertretung) in order.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace amt {

// The caseworker responsible for this citizen at this location, if a rule covers them: a number
// rule covering the customer number wins; else a letter rule covering the surname within `name`
// (see surname_of). Customer numbers are compared as digit strings of equal length, so
// "00123" < "01000"; surnames folded to A-Z (see fold_surname).
std::optional<Id> responsible_staff(const Catalog& catalog, const Id& location_id,
                                    std::string_view customer_number, std::string_view name = {});

// responsible first, then their deputies in order, each once, active staff only.
std::vector<Id> responsibility_chain(const Catalog& catalog, const Id& responsible);

// The first person of the chain not absent at any moment of [start, end); nullopt if all are.
std::optional<Id> first_present(const Catalog& catalog, const std::vector<Id>& chain, Instant start,
                                Instant end);

bool is_valid_customer_number(std::string_view s);  // digits, optionally with letters: 3-20 chars

}  // namespace amt
