// Large neighbourhood search for re-planning: the deep search over a whole day decides its last
// appointments over and over; re-planning a window of time around each appointment that is not
// kept lets the exact search work where it matters.
#include <algorithm>

#include "core/replanning_search.hpp"

namespace amt::replan::detail {

namespace {

constexpr int kRadii[] = {30 * 60, 90 * 60, 180 * 60};  // seconds around the dropped appointment
constexpr std::int64_t kWindowNodes = 20'000;           // per window
constexpr int kCostRadius = 30 * 60;

constexpr std::int64_t kCostWindowNodes = 5'000;

struct Window {
  Local local;
  std::vector<int> parent;  // window item -> component item
  std::vector<int> start;   // the current assignment, restricted
};

bool overlaps(int a_begin, int a_end, int b_begin, int b_end) { return a_begin < b_end && b_begin < a_end; }

// Items overlapping [from, to) become the window's items; everyone else keeps their place, so a
// person holding an item outside the window cannot take a window item overlapping it.
Window cut(const Local& local, const std::vector<int>& assignment, int from, int to) {
  Window w;
  std::vector<std::vector<int>> fixed(static_cast<std::size_t>(local.staff));
  for (int i = 0; i < local.n; ++i) {
    if (overlaps(at(local.begin, i), at(local.end, i), from, to)) {
      w.parent.push_back(i);
    } else if (at(assignment, i) >= 0) {
      at(fixed, at(assignment, i)).push_back(i);
    }
  }
  Local& sub = w.local;
  sub.n = static_cast<int>(w.parent.size());
  sub.staff = local.staff;
  sub.global = local.global;
  for (int i : w.parent) {
    sub.begin.push_back(at(local.begin, i));
    sub.end.push_back(at(local.end, i));
    sub.optional.push_back(at(local.optional, i));
    sub.initial.push_back(at(local.initial, i));
    w.start.push_back(at(assignment, i));
    std::vector<Local::Option> options;
    for (const Local::Option& o : at(local.options, i)) {
      const auto& held = at(fixed, o.staff);
      const bool blocked = std::any_of(held.begin(), held.end(), [&](int j) {
        return overlaps(at(local.begin, j), at(local.end, j), at(local.begin, i), at(local.end, i));
      });
      if (!blocked) options.push_back(o);
    }
    sub.options.push_back(std::move(options));
  }
  return w;
}

int kept(const Local& local, const std::vector<int>& assignment) {
  int n = 0;
  for (int i = 0; i < local.n; ++i) n += at(local.optional, i) && at(assignment, i) >= 0 ? 1 : 0;
  return n;
}

std::int64_t cost(const Local& local, const std::vector<int>& assignment, int i) {
  for (const Local::Option& o : at(local.options, i))
    if (o.staff == at(assignment, i)) return o.cost;
  return 0;
}

std::int64_t cost(const Local& local, const std::vector<int>& assignment) {
  std::int64_t total = 0;
  for (int i = 0; i < local.n; ++i) total += cost(local, assignment, i);
  return total;
}

}  // namespace

std::vector<int> improve_in_windows(const Local& local, std::vector<int> assignment, int ceiling,
                                    Budget& budget, std::int64_t share) {
  const std::int64_t until = budget.used() + share;
  for (int radius : kRadii) {
    for (int d = 0; d < local.n; ++d) {
      if (!at(local.optional, d) || at(assignment, d) >= 0) continue;
      if (kept(local, assignment) >= ceiling || budget.spent() || budget.used() >= until) return assignment;
      Window w = cut(local, assignment, at(local.begin, d) - radius, at(local.end, d) + radius);
      const int before = kept(w.local, w.start);
      const auto found =
          count_from(w.local, w.start, budget, std::min(kWindowNodes, until - budget.used())).staff;
      if (kept(w.local, found) <= before) continue;
      for (int j = 0; j < w.local.n; ++j) at(assignment, at(w.parent, j)) = at(found, j);
    }
  }
  return assignment;
}

}  // namespace amt::replan::detail

namespace amt::replan::detail {

std::vector<int> cheapen_in_windows(const Local& local, std::vector<int> assignment, Budget& budget,
                                    std::int64_t share) {
  const std::int64_t until = budget.used() + share;
  for (int i = 0; i < local.n; ++i) {
    if (cost(local, assignment, i) == 0) continue;
    if (budget.spent() || budget.used() >= until) break;
    Window w = cut(local, assignment, at(local.begin, i) - kCostRadius, at(local.end, i) + kCostRadius);
    const auto found =
        best_cost_from(w.local, w.start, budget, std::min(kCostWindowNodes, until - budget.used()));
    if (kept(w.local, found) < kept(w.local, w.start) || cost(w.local, found) >= cost(w.local, w.start))
      continue;
    for (int j = 0; j < w.local.n; ++j) at(assignment, at(w.parent, j)) = at(found, j);
  }
  return assignment;
}

}  // namespace amt::replan::detail
