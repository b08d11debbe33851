// Clique matching bound: stabbing groups, Kuhn's algorithm per group, suffix sums per start.
#include "core/replanning_bound.hpp"

#include <algorithm>
#include <numeric>

namespace amt::replan::detail {

// Greedy stabbing at the earliest end: every item lies in exactly one group, and all items of a
// group contain the group's instant, so no person can hold two of them.
CliqueBound::CliqueBound(const Local& local)
    : local_(local),
      group_of_(static_cast<std::size_t>(local.n), -1),
      owner_(static_cast<std::size_t>(local.staff), -1),
      visited_(static_cast<std::size_t>(local.staff), 0) {
  std::vector<int> by_end(static_cast<std::size_t>(local.n));
  std::iota(by_end.begin(), by_end.end(), 0);
  std::stable_sort(by_end.begin(), by_end.end(),
                   [&](int a, int b) { return at(local.end, a) < at(local.end, b); });
  for (int i : by_end) {
    if (at(group_of_, i) >= 0) continue;
    const int instant = at(local.end, i) - 1;
    const int g = static_cast<int>(members_.size());
    members_.emplace_back();
    for (int j = 0; j < local.n; ++j) {
      if (at(group_of_, j) >= 0 || at(local.begin, j) > instant || at(local.end, j) <= instant) continue;
      at(group_of_, j) = g;
      members_.back().push_back(j);
    }
  }
  seen_group_.assign(members_.size(), 0);
  for (int g = 0; g < static_cast<int>(members_.size()); ++g) {
    std::vector<int> bounds(at(members_, g).size() + 1, 0);
    for (std::size_t j = 0; j < at(members_, g).size(); ++j) bounds[j] = std::max(0, match(g, j, nullptr));
    suffix_.push_back(std::move(bounds));
  }
  static_total_.assign(static_cast<std::size_t>(local.n) + 1, 0);
  for (int k = 0; k < local.n; ++k) {
    for (std::size_t g = 0; g < members_.size(); ++g) {
      const auto& m = members_[g];
      const auto pos = static_cast<std::size_t>(std::lower_bound(m.begin(), m.end(), k) - m.begin());
      at(static_total_, k) += suffix_[g][pos];
    }
  }
}

int CliqueBound::remaining(int k, const std::vector<int>& busy_until) {
  if (k >= local_.n) return 0;
  const int frontier = *std::max_element(busy_until.begin(), busy_until.end());
  if (frontier <= at(local_.begin, k)) return at(static_total_, k);
  ++call_;
  int total = at(static_total_, k);
  // Only groups with a member starting before everyone is free again see a difference.
  for (int i = k; i < local_.n && at(local_.begin, i) < frontier; ++i) {
    const int g = at(group_of_, i);
    if (at(seen_group_, g) == call_) continue;
    at(seen_group_, g) = call_;
    const auto& m = at(members_, g);
    const auto pos = static_cast<std::size_t>(std::lower_bound(m.begin(), m.end(), k) - m.begin());
    const int bound = match(g, pos, &busy_until);
    if (bound < 0) return -1;
    total += bound - at(suffix_, g)[pos];
  }
  return total;
}

// Must items first: augmenting paths never unmatch an item, so if one of them finds no partner,
// no matching holds them all. Returns the optional items matched, or -1.
int CliqueBound::match(int group, std::size_t from, const std::vector<int>* busy_until) {
  std::fill(owner_.begin(), owner_.end(), -1);
  const auto& m = at(members_, group);
  for (std::size_t j = from; j < m.size(); ++j) {
    if (at(local_.optional, m[j])) continue;
    ++stamp_;
    if (!augment(m[j], busy_until)) return -1;
  }
  int kept = 0;
  for (std::size_t j = from; j < m.size(); ++j) {
    if (!at(local_.optional, m[j])) continue;
    ++stamp_;
    if (augment(m[j], busy_until)) ++kept;
  }
  return kept;
}

bool CliqueBound::augment(int item, const std::vector<int>* busy_until) {
  for (const Local::Option& o : at(local_.options, item)) {
    if (busy_until != nullptr && at(*busy_until, o.staff) > at(local_.begin, item)) continue;
    if (at(visited_, o.staff) == stamp_) continue;
    at(visited_, o.staff) = stamp_;
    if (at(owner_, o.staff) < 0 || augment(at(owner_, o.staff), busy_until)) {
      at(owner_, o.staff) = item;
      return true;
    }
  }
  return false;
}

}  // namespace amt::replan::detail
