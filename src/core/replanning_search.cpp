// One component, in order: the seed (ejection chains); the bounds (clique matching, then the
// linear relaxation); windows of time re-planned around appointments not kept; branch and bound
// over the whole component with what is left; then the tie-breaks. The branch and bound decides
// items in start order, so a person is free for the next item exactly when the last item given to
// them has ended, and memoises states (see Memo) and skips interchangeable people.
#include "core/replanning_search.hpp"

#include <algorithm>
#include <map>

#include "core/replanning_bound.hpp"
#include "core/replanning_lagrange.hpp"
#include "core/replanning_memo.hpp"

namespace amt::replan::detail {

namespace {

constexpr std::int64_t kPreferenceShare = 4;
constexpr int kLagrangeRounds = 300;
constexpr std::int64_t kWindowShare = 2;  // windows may use up to half of a component's nodes

// People whose columns (per item: may they take it, at what cost) are equal are interchangeable
// while both are free, so the search tries one of them only.
std::vector<int> classes(const Local& local, bool with_cost) {
  std::map<std::vector<std::int64_t>, int> ids;
  std::vector<std::vector<std::int64_t>> columns(
      static_cast<std::size_t>(local.staff),
      std::vector<std::int64_t>(static_cast<std::size_t>(local.n), -1));
  for (int i = 0; i < local.n; ++i)
    for (const Local::Option& o : at(local.options, i)) at(at(columns, o.staff), i) = with_cost ? o.cost : 0;
  std::vector<int> out;
  for (const auto& column : columns)
    out.push_back(ids.emplace(column, static_cast<int>(ids.size())).first->second);
  return out;
}

class BranchAndBound {
 public:
  BranchAndBound(const Local& local, Budget& budget, std::int64_t share)
      : local_(local),
        budget_(budget),
        limit_(share),
        bound_(local),
        busy_(static_cast<std::size_t>(local.staff), 0),
        assign_(static_cast<std::size_t>(local.n), -1),
        tried_(static_cast<std::size_t>(local.n)),
        count_classes_(classes(local, false)),
        cost_classes_(classes(local, true)),
        memo_(local.staff) {}

  // A window's tie-breaks: the lowest cost keeping as many as `start`.
  std::vector<int> cheapest(std::vector<int> start) {
    take(std::move(start));
    target_ = best_kept_;
    if (best_cost_ > 0) preference_search(0, 0, 0);
    return best_;
  }

  // whole: the component itself (relaxations, windows, tie-breaks); else a window's count only.
  ComponentResult run(std::vector<int> start, bool whole) {
    ComponentResult result;
    take(std::move(start));
    result.seed_kept = best_kept_;
    ceiling_ = bound_.root();
    if (whole && best_kept_ < ceiling_)
      ceiling_ = std::min(ceiling_,
                          lagrangian_bound(local_, best_kept_, kLagrangeRounds, [this] { return tick(); }));
    result.root_bound = ceiling_;
    if (whole && best_kept_ < ceiling_) {
      const std::int64_t before = budget_.used();
      take(improve_in_windows(local_, best_, ceiling_, budget_, limit_ / kWindowShare));
      nodes_ += budget_.used() - before;
    }
    if (best_kept_ < ceiling_) count_search(0, 0);
    result.proven = best_kept_ >= ceiling_ || !stopped_;
    result.kept_displaced = best_kept_;
    result.bound = result.proven ? best_kept_ : result.root_bound;
    if (!whole) {
      result.staff = best_;
      return result;
    }
    prefer(result.proven);
    result.preferences_proven = result.proven && (best_cost_ == 0 || !stopped_);
    for (int s : best_) result.staff.push_back(s < 0 ? -1 : at(local_.global, s));
    return result;
  }

 private:
  void take(std::vector<int> assignment) {
    best_ = std::move(assignment);
    best_kept_ = kept_of(best_);
    best_cost_ = cost_of(best_);
  }

  // The tie-breaks: tidy() always; the exact search only once the count is proven, and on large
  // groups, where it rarely improves on tidy(), with a part of what is left.
  void prefer(bool proven) {
    take(tidy(local_, best_));
    if (best_cost_ > 0 && !stopped_) {
      const std::int64_t before = budget_.used();
      take(tidy(local_, cheapen_in_windows(local_, best_, budget_, (limit_ - nodes_) / kWindowShare)));
      nodes_ += budget_.used() - before;
    }
    if (!proven || best_cost_ == 0) return;
    limit_ = nodes_ + (limit_ - nodes_) / kPreferenceShare;
    target_ = best_kept_;
    memo_.clear();
    preference_search(0, 0, 0);
    take(tidy(local_, best_));
  }

  bool tick() {
    if (stopped_) return false;
    if (++nodes_ > limit_ || !budget_.tick()) stopped_ = true;
    return !stopped_;
  }

  int kept_of(const std::vector<int>& assign) const {
    int kept = 0;
    for (int i = 0; i < local_.n; ++i) kept += at(local_.optional, i) && at(assign, i) >= 0 ? 1 : 0;
    return kept;
  }
  std::int64_t cost_of(const std::vector<int>& assign) const {
    std::int64_t cost = 0;
    for (int i = 0; i < local_.n; ++i)
      for (const Local::Option& o : at(local_.options, i))
        if (o.staff == at(assign, i)) cost += o.cost;
    return cost;
  }

  // Phase one: the most displaced items kept; prunes whatever cannot beat the best so far.
  void count_search(int k, int kept) {
    if (!tick()) return;
    if (k == local_.n) {
      if (kept > best_kept_) {
        best_kept_ = kept;
        best_ = assign_;
        best_cost_ = cost_of(assign_);
      }
      return;
    }
    const int bound = bound_.remaining(k, busy_);
    if (bound < 0 || kept + bound <= best_kept_) return;
    if (memo_.seen(k, at(local_.begin, k), busy_, kept, 0)) return;
    for_each_holder(k, count_classes_, [&](const Local::Option&) {
      count_search(k + 1, kept + at(local_.optional, k));
      return !stopped_ && best_kept_ < ceiling_;
    });
    if (!at(local_.optional, k) || stopped_ || best_kept_ >= ceiling_) return;
    at(assign_, k) = -1;
    count_search(k + 1, kept);
  }

  // Phase two, with the count proven: among plans keeping as many, the lowest cost.
  void preference_search(int k, int kept, std::int64_t cost) {
    if (!tick() || cost >= best_cost_) return;
    if (k == local_.n) {
      if (kept < target_) return;
      best_cost_ = cost;
      best_ = assign_;
      return;
    }
    const int bound = bound_.remaining(k, busy_);
    if (bound < 0 || kept + bound < target_) return;
    if (memo_.seen(k, at(local_.begin, k), busy_, kept, cost)) return;
    for_each_holder(k, cost_classes_, [&](const Local::Option& o) {
      preference_search(k + 1, kept + at(local_.optional, k), cost + o.cost);
      return !stopped_ && best_cost_ > 0;
    });
    if (!at(local_.optional, k) || stopped_ || best_cost_ == 0) return;
    at(assign_, k) = -1;
    preference_search(k + 1, kept, cost);
  }

  // Gives item k to each free person in preference order, one per class; `next` recurses and
  // says whether to go on.
  template <class Next>
  void for_each_holder(int k, const std::vector<int>& cls, Next next) {
    auto& tried = at(tried_, k);
    tried.clear();
    for (const Local::Option& o : at(local_.options, k)) {
      if (at(busy_, o.staff) > at(local_.begin, k)) continue;
      const int c = at(cls, o.staff);
      if (std::find(tried.begin(), tried.end(), c) != tried.end()) continue;
      tried.push_back(c);
      const int before = at(busy_, o.staff);
      at(busy_, o.staff) = at(local_.end, k);
      at(assign_, k) = o.staff;
      const bool go_on = next(o);
      at(busy_, o.staff) = before;
      at(assign_, k) = -1;
      if (!go_on) return;
    }
  }

  const Local& local_;
  Budget& budget_;
  std::int64_t limit_;  // nodes this component may use
  std::int64_t nodes_ = 0;
  bool stopped_ = false;
  CliqueBound bound_;
  std::vector<int> busy_;  // per staff: until when the items decided so far hold them
  std::vector<int> assign_;
  std::vector<std::vector<int>> tried_;  // per depth: classes already tried
  std::vector<int> count_classes_;
  std::vector<int> cost_classes_;
  Memo memo_;
  std::vector<int> best_;
  int best_kept_ = 0;
  int ceiling_ = 0;  // no plan keeps more displaced items
  std::int64_t best_cost_ = 0;
  int target_ = 0;
};

}  // namespace

ComponentResult search_component(const Local& local, Budget& budget, std::int64_t share) {
  if (local.staff == 0) {  // nobody may take any of them
    ComponentResult result;
    result.staff.assign(static_cast<std::size_t>(local.n), -1);
    result.proven = result.preferences_proven = true;
    return result;
  }
  return BranchAndBound(local, budget, share).run(seed(local), true);
}

ComponentResult count_from(const Local& local, std::vector<int> start, Budget& budget, std::int64_t share) {
  return BranchAndBound(local, budget, share).run(std::move(start), false);
}

std::vector<int> best_cost_from(const Local& local, std::vector<int> start, Budget& budget,
                                std::int64_t share) {
  return BranchAndBound(local, budget, share).cheapest(std::move(start));
}

}  // namespace amt::replan::detail
