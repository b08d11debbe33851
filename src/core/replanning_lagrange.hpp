// A second, stronger upper bound for one component: the linear relaxation of "each appointment
// at most once (must ones exactly once), each person one appointment at a time", reached by
// Lagrangian relaxation of the first rule. What remains splits per person into weighted interval
// scheduling, solved exactly by dynamic programming; subgradient steps tune the multipliers.
// Where an appointment could be split between two people, the clique bound counts it for both;
// this bound does not.
#pragma once

#include <functional>

#include "core/replanning_search.hpp"

namespace amt::replan::detail {

// Displaced items any plan keeps at most; stops early once it reaches `known` (a plan keeping
// that many exists, so the bound cannot go lower). At most `rounds` subgradient steps, each
// first asking `tick` (one search node of the budget); stops when it says no.
int lagrangian_bound(const Local& local, int known, int rounds, const std::function<bool()>& tick);

}  // namespace amt::replan::detail
