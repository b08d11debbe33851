// Search keys of the service center's find (issue #4): how what a caller says is compared with the
// stored bookings. The store's migration 017 computes the same keys in SQL; keep the two in step.
#pragma once

#include <string>
#include <string_view>

namespace amt {

// A normalised phone number (digits with an optional leading +) with the German country prefix
// +49 or 0049 written as the trunk prefix 0, so "+49 151 ..." and "0151 ..." are one key.
std::string phone_search_key(std::string_view normalised);

// The bytes a name search needs at least; shorter parts of a name would match too much.
constexpr std::size_t min_name_search_bytes = 3;

}  // namespace amt
