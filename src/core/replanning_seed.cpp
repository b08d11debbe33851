// The seed of the exact search: augmenting paths (ejection chains) over one component, like the
// booking engine's, on the search's own representation (the booking engine is tuned separately).
#include <algorithm>
#include <map>
#include <numeric>

#include "core/replanning_search.hpp"

namespace amt::replan::detail {

namespace {

constexpr int kMaxChain = 8;       // appointments moved one after another for one displaced appointment
constexpr int kMaxSteps = 20'000;  // relocations tried for one displaced appointment
constexpr int kMaxTidyRounds = 8;

class Augmenter {
 public:
  Augmenter(const Local& local, std::vector<int> holder)
      : local_(local),
        holder_(std::move(holder)),
        held_(static_cast<std::size_t>(local.staff)),
        tried_(static_cast<std::size_t>(local.staff) * static_cast<std::size_t>(local.n), 0) {
    for (int i = 0; i < local.n; ++i)
      if (at(holder_, i) >= 0) at(held_, at(holder_, i)).push_back(i);
  }

  // Most constrained first: an item with few possible holders gets its pick before the others.
  std::vector<int> run() {
    std::vector<int> order;
    for (int i = 0; i < local_.n; ++i)
      if (at(local_.optional, i)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return at(local_.options, a).size() < at(local_.options, b).size();
    });
    for (int i : order) place(i);
    return tidy();
  }

  // Local improvement on the tie-breaks, never on the count: each kept item goes to a cheaper
  // option (its own holder, an earlier deputy) when that person is free, or can be made free by
  // moving what they hold there to someone free, at a lower total cost.
  std::vector<int> tidy() {
    for (int round = 0; round < kMaxTidyRounds; ++round) {
      bool better = false;
      for (int i = 0; i < local_.n; ++i) better = at(holder_, i) >= 0 && improve(i) ? true : better;
      if (!better) break;
    }
    return holder_;
  }

 private:
  std::int64_t cost(int item, int staff) const {
    for (const Local::Option& o : at(local_.options, item))
      if (o.staff == staff) return o.cost;
    return 0;
  }

  bool improve(int item) {
    const std::int64_t now = cost(item, at(holder_, item));
    for (const Local::Option& o : at(local_.options, item)) {
      if (o.cost >= now) break;
      std::vector<int> conflicts;
      for (int x : at(held_, o.staff))
        if (overlaps(x, item)) conflicts.push_back(x);
      const std::size_t mark = journal_.size();
      put(item, -1);  // frees its place, so a conflict may take it
      std::int64_t delta = o.cost - now;
      for (int x : conflicts) {
        const int target = cheapest_free(x, o.staff);
        if (target < 0) break;
        delta += cost(x, target) - cost(x, o.staff);
        put(x, target);
      }
      if (delta < 0 && free_for(o.staff, item)) {
        put(item, o.staff);
        return true;
      }
      undo(mark);
    }
    return false;
  }

  int cheapest_free(int item, int except) const {
    for (const Local::Option& o : at(local_.options, item))
      if (o.staff != except && free_for(o.staff, item)) return o.staff;
    return -1;
  }

  // Options of equal cost form a tier (a deputy's position); an earlier tier wins even when a
  // later one needs fewer moves. Within a tier the shortest chain of moves wins.
  bool place(int item) {
    const auto& options = at(local_.options, item);
    for (std::size_t tier = 0; tier < options.size();) {
      std::size_t end = tier;
      while (end < options.size() && options[end].cost == options[tier].cost) ++end;
      if (place_in(item, tier, end)) return true;
      tier = end;
    }
    return false;
  }

  bool place_in(int item, std::size_t from, std::size_t to) {
    const auto& options = at(local_.options, item);
    for (std::size_t k = from; k < to; ++k) {
      if (!free_for(options[k].staff, item)) continue;
      put(item, options[k].staff);
      return true;
    }
    steps_ = 0;
    for (limit_ = 1; limit_ <= kMaxChain && steps_ <= kMaxSteps; ++limit_) {
      std::fill(tried_.begin(), tried_.end(), 0);
      for (std::size_t k = from; k < to; ++k) {
        if (!free_up(options[k].staff, item, 0)) continue;
        put(item, options[k].staff);
        return true;
      }
    }
    return false;
  }

  bool overlaps(int a, int b) const {
    return at(local_.begin, a) < at(local_.end, b) && at(local_.begin, b) < at(local_.end, a);
  }
  bool free_for(int staff, int item) const {
    const auto& held = at(held_, staff);
    return std::none_of(held.begin(), held.end(), [&](int x) { return x != item && overlaps(x, item); });
  }

  // Makes `staff` hold nothing overlapping `item` by relocating each such appointment; all or
  // nothing. While it works, nothing else may move onto that stretch of the person's time.
  bool free_up(int staff, int item, int depth) {
    std::vector<int> conflicts;
    for (int x : at(held_, staff))
      if (overlaps(x, item)) conflicts.push_back(x);
    locks_.emplace_back(staff, item);
    const std::size_t mark = journal_.size();
    bool freed = true;
    for (int x : conflicts) {
      if (relocate(x, depth + 1)) continue;
      undo(mark);
      freed = false;
      break;
    }
    locks_.pop_back();
    return freed;
  }

  // Ejection chains: an appointment moves to someone free, or to someone whose overlapping
  // appointments move on in turn. Unlike Kuhn's algorithm, a person may be used again in one
  // chain for another stretch of the day; each (person, appointment) pair is tried once.
  bool relocate(int item, int depth) {
    if (depth > limit_ || ++steps_ > kMaxSteps) return false;
    const int from = at(holder_, item);
    for (const Local::Option& o : at(local_.options, item)) {
      if (o.staff == from || !free_for(o.staff, item) || locked(o.staff, item)) continue;
      put(item, o.staff);
      return true;
    }
    for (const Local::Option& o : at(local_.options, item)) {
      if (o.staff == from || locked(o.staff, item) || tried(o.staff, item)) continue;
      tried(o.staff, item) = 1;
      if (!free_up(o.staff, item, depth)) continue;
      put(item, o.staff);
      return true;
    }
    return false;
  }

  char& tried(int staff, int item) {
    return tried_[static_cast<std::size_t>(staff) * static_cast<std::size_t>(local_.n) +
                  static_cast<std::size_t>(item)];
  }
  bool locked(int staff, int item) const {
    return std::any_of(locks_.begin(), locks_.end(),
                       [&](const auto& l) { return l.first == staff && overlaps(l.second, item); });
  }

  void put(int item, int staff) {
    journal_.push_back({item, at(holder_, item)});
    shift(item, staff);
  }
  void shift(int item, int staff) {
    const int from = at(holder_, item);
    if (from >= 0) {
      auto& held = at(held_, from);
      held.erase(std::find(held.begin(), held.end(), item));
    }
    at(holder_, item) = staff;
    if (staff >= 0) at(held_, staff).push_back(item);
  }
  void undo(std::size_t mark) {
    while (journal_.size() > mark) {
      shift(journal_.back().first, journal_.back().second);
      journal_.pop_back();
    }
  }

  const Local& local_;
  std::vector<int> holder_;
  std::vector<std::vector<int>> held_;
  std::vector<char> tried_;                   // per (staff, item) in the current insertion
  std::vector<std::pair<int, int>> locks_;    // (staff, item) stretches being freed
  std::vector<std::pair<int, int>> journal_;  // item, previous holder
  int steps_ = 0;                             // relocations tried in the current insertion
  int limit_ = kMaxChain;                     // moves allowed in one chain
};

}  // namespace

Local localize(const Instance& instance, const std::vector<int>& component) {
  Local local;
  local.n = static_cast<int>(component.size());
  std::map<int, int> to_local;
  int must = 0;
  for (int i : component) {
    const Item& item = instance.items[static_cast<std::size_t>(i)];
    must += item.kind == Kind::displaced ? 0 : 1;
    for (const Choice& c : item.choices) to_local.emplace(c.staff, 0);
  }
  for (auto& [global, l] : to_local) {
    l = static_cast<int>(local.global.size());
    local.global.push_back(global);
  }
  local.staff = static_cast<int>(local.global.size());
  const std::int64_t weight = must + 1;  // one deputy position outweighs every possible move
  for (int i : component) {
    const Item& item = instance.items[static_cast<std::size_t>(i)];
    local.begin.push_back(item.span.begin);
    local.end.push_back(item.span.end);
    local.optional.push_back(item.kind == Kind::displaced ? 1 : 0);
    local.initial.push_back(item.kind == Kind::displaced ? -1 : to_local.at(item.holder));
    std::vector<Local::Option> options;
    for (const Choice& c : item.choices)
      options.push_back({to_local.at(c.staff), c.rank * weight + (c.move ? 1 : 0)});
    std::stable_sort(options.begin(), options.end(),
                     [](const Local::Option& a, const Local::Option& b) { return a.cost < b.cost; });
    local.options.push_back(std::move(options));
  }
  return local;
}

std::vector<int> seed(const Local& local) { return Augmenter(local, local.initial).run(); }

std::vector<int> tidy(const Local& local, std::vector<int> assignment) {
  return Augmenter(local, std::move(assignment)).tidy();
}

}  // namespace amt::replan::detail
