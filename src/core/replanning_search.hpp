// The exact search of re-planning, one group of competing appointments at a time: a seed by
// augmenting paths, bounds, local re-planning of windows of time, branch and bound, all within a
// node budget.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/replanning_instance.hpp"

namespace amt::replan::detail {

// One component in the search's own compact form: items by start, staff renumbered 0..staff-1.
struct Local {
  struct Option {
    int staff;
    std::int64_t cost;  // rank * (must items + 1) + move: the tie-breaks as one number
  };
  int n = 0;
  int staff = 0;
  std::vector<int> begin;
  std::vector<int> end;
  std::vector<char> optional;                // displaced: may be dropped
  std::vector<int> initial;                  // where a must item sits now; -1 for displaced ones
  std::vector<std::vector<Option>> options;  // by preference, cheapest first
  std::vector<int> global;                   // local staff -> DayStaff index
};

Local localize(const Instance& instance, const std::vector<int>& component);

// Nodes for the whole plan, shared by its components.
class Budget {
 public:
  Budget(std::int64_t max_nodes, const std::function<bool()>& stop) : limit_(max_nodes), stop_(stop) {}
  // Counts one node; false once the budget is spent (then it stays spent).
  bool tick() {
    if (spent_) return false;
    ++used_;
    if (used_ > limit_ || ((used_ & 1023) == 1 && stop_ && stop_())) spent_ = true;
    return !spent_;
  }
  bool spent() const { return spent_; }
  std::int64_t used() const { return used_; }
  std::int64_t left() const { return limit_ > used_ ? limit_ - used_ : 0; }

 private:
  std::int64_t limit_;
  std::int64_t used_ = 0;
  const std::function<bool()>& stop_;
  bool spent_ = false;
};

struct ComponentResult {
  std::vector<int> staff;  // per component item: DayStaff index, -1 not kept
  int kept_displaced = 0;
  int bound = 0;       // displaced items any plan keeps at most (== kept_displaced when proven)
  int root_bound = 0;  // the relaxations alone
  int seed_kept = 0;   // displaced items the augmenting-path seed kept
  bool proven = false;
  bool preferences_proven = false;
};

// Augmenting paths: each displaced item in turn goes to someone free, or someone is freed by
// moving their appointments along a chain (ejection chain) of at most kMaxChain moves; earlier
// deputies first, shorter chains first. Returns local staff per item.
std::vector<int> seed(const Local& local);
// Moves kept items to cheaper options where that is possible without dropping any.
std::vector<int> tidy(const Local& local, std::vector<int> assignment);

// Large neighbourhood search: around each displaced item the plan does not keep, everything
// overlapping a window of time is planned afresh by the exact search, the rest stays. Returns an
// assignment keeping at least as many as `assignment`; stops once it keeps `ceiling`.
std::vector<int> improve_in_windows(const Local& local, std::vector<int> assignment, int ceiling,
                                    Budget& budget, std::int64_t share);
// The same for the tie-breaks: around each item at a cost (moved, or with a later deputy), a
// window is planned afresh keeping as many, at the lowest cost found.
std::vector<int> cheapen_in_windows(const Local& local, std::vector<int> assignment, Budget& budget,
                                    std::int64_t share);
// The exact searches from a valid start (local staff per item): the most items kept (with the
// bound proven for it, local staff per item), or the lowest cost keeping as many as the start.
ComponentResult count_from(const Local& local, std::vector<int> start, Budget& budget, std::int64_t share);
std::vector<int> best_cost_from(const Local& local, std::vector<int> start, Budget& budget,
                                std::int64_t share);

// At most `share` nodes of the budget go to this component.
ComponentResult search_component(const Local& local, Budget& budget, std::int64_t share);

}  // namespace amt::replan::detail
