// Subgradient optimisation of the Lagrangian dual; per person a weighted interval schedule.
#include "core/replanning_lagrange.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace amt::replan::detail {

namespace {

// Per person the items they may take by end, and for each the last earlier one not overlapping.
struct Timeline {
  std::vector<int> items;
  std::vector<int> before;  // index into items, -1 when none
};

std::vector<Timeline> timelines(const Local& local) {
  std::vector<Timeline> out(static_cast<std::size_t>(local.staff));
  for (int i = 0; i < local.n; ++i)
    for (const Local::Option& o : at(local.options, i)) at(out, o.staff).items.push_back(i);
  for (Timeline& t : out) {
    std::stable_sort(t.items.begin(), t.items.end(),
                     [&](int a, int b) { return at(local.end, a) < at(local.end, b); });
    for (std::size_t j = 0; j < t.items.size(); ++j) {
      int k = static_cast<int>(j) - 1;
      while (k >= 0 && at(local.end, t.items[static_cast<std::size_t>(k)]) > at(local.begin, t.items[j])) --k;
      t.before.push_back(k);
    }
  }
  return out;
}

// Best total weight of non-overlapping items on one timeline; adds 1 to `taken` for each chosen.
double schedule(const Timeline& t, const std::vector<double>& weight, std::vector<double>& best,
                std::vector<int>& taken) {
  const std::size_t m = t.items.size();
  best.assign(m + 1, 0.0);  // best[j]: using the first j items
  for (std::size_t j = 0; j < m; ++j) {
    const double with = at(weight, t.items[j]) + best[static_cast<std::size_t>(t.before[j] + 1)];
    best[j + 1] = std::max(best[j], with);
  }
  for (std::size_t j = m; j > 0;) {
    const double with = at(weight, t.items[j - 1]) + best[static_cast<std::size_t>(t.before[j - 1] + 1)];
    if (at(weight, t.items[j - 1]) > 0 && with >= best[j - 1] && with == best[j]) {
      ++at(taken, t.items[j - 1]);
      j = static_cast<std::size_t>(t.before[j - 1] + 1);
    } else {
      --j;
    }
  }
  return best[m];
}

}  // namespace

// Multiplier y_i on "item i taken at most once" (>= 0 for displaced items, free for must items,
// which must be taken exactly once). Dual value: sum of y plus, per person, the best schedule
// with weights (1 for displaced, 0 for must) - y. Every dual value bounds the optimum from above.
int lagrangian_bound(const Local& local, int known, int rounds, const std::function<bool()>& tick) {
  const std::vector<Timeline> lines = timelines(local);
  std::vector<double> y(static_cast<std::size_t>(local.n));
  for (int i = 0; i < local.n; ++i)
    at(y, i) = at(local.optional, i) ? 1.0 : 0.0;  // starts at "all displaced kept"
  std::vector<double> weight(y.size());
  std::vector<double> scratch;
  std::vector<int> taken(y.size());
  double best = static_cast<double>(local.n) + 1.0;
  double step_scale = 2.0;
  int stale = 0;
  for (int round = 0; round < rounds && tick(); ++round) {
    for (int i = 0; i < local.n; ++i) at(weight, i) = (at(local.optional, i) ? 1.0 : 0.0) - at(y, i);
    std::fill(taken.begin(), taken.end(), 0);
    double value = std::accumulate(y.begin(), y.end(), 0.0);
    for (const Timeline& t : lines) value += schedule(t, weight, scratch, taken);
    if (value < best - 1e-9) {
      best = value;
      stale = 0;
    } else if (++stale >= 8) {
      step_scale /= 2;
      stale = 0;
    }
    if (std::floor(best + 1e-6) <= known) break;
    double norm = 0;
    for (int i = 0; i < local.n; ++i) norm += (1.0 - at(taken, i)) * (1.0 - at(taken, i));
    if (norm == 0) break;  // the relaxed solution takes every item once: the dual is optimal
    const double step = step_scale * (value - known) / norm;
    for (int i = 0; i < local.n; ++i) {
      const double next = at(y, i) - step * (1.0 - at(taken, i));
      at(y, i) = at(local.optional, i) ? std::max(0.0, next) : next;
    }
  }
  return static_cast<int>(std::floor(best + 1e-6));
}

}  // namespace amt::replan::detail
