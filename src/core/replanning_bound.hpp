// Upper bound for re-planning's branch and bound: the appointments are split into cliques (all
// contain one instant, found by stabbing at the earliest end), and within each clique at most a
// maximum bipartite matching to qualified, free staff can be kept. Cliques are disjoint, so the
// sum bounds the whole.
#pragma once

#include <cstdint>
#include <vector>

#include "core/replanning_search.hpp"

namespace amt::replan::detail {

class CliqueBound {
 public:
  explicit CliqueBound(const Local& local);

  // Displaced items among all of them that any plan keeps at most.
  int root() const { return static_total_[0]; }
  // Displaced items among k.. that can still be kept when staff s is busy until busy_until[s]
  // (items are decided in start order); -1 when the must items among them cannot all be placed.
  int remaining(int k, const std::vector<int>& busy_until);

 private:
  int match(int group, std::size_t from, const std::vector<int>* busy_until);
  bool augment(int item, const std::vector<int>* busy_until);

  const Local& local_;
  std::vector<int> group_of_;
  std::vector<std::vector<int>> members_;  // per group, item indices ascending
  std::vector<std::vector<int>> suffix_;   // per group: bound of members from position j on
  std::vector<int> static_total_;          // per k: sum of suffix bounds ignoring who is busy
  std::vector<int> owner_;                 // matching: staff -> item, -1
  std::vector<std::uint32_t> visited_;     // per staff: stamp
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> seen_group_;
  std::uint32_t call_ = 0;
};

}  // namespace amt::replan::detail
