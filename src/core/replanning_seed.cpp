// The seed of the exact search: Kuhn-style augmenting paths over one component, like the booking
// engine's, on the search's own representation (the booking engine is tuned separately).
#include <algorithm>
#include <map>
#include <numeric>

#include "core/replanning_search.hpp"

namespace amt::replan::detail {

namespace {

constexpr int kMaxChain = 8;  // appointments moved one after another for one displaced appointment

template <class V>
auto& at(V& v, int i) {
  return v[static_cast<std::size_t>(i)];
}

class Augmenter {
 public:
  explicit Augmenter(const Local& local)
      : local_(local), holder_(local.initial), held_(static_cast<std::size_t>(local.staff)),
        visited_(static_cast<std::size_t>(local.staff), 0) {
    for (int i = 0; i < local.n; ++i)
      if (at(holder_, i) >= 0) at(held_, at(holder_, i)).push_back(i);
  }

  // Most constrained first: an item with few possible holders gets its pick before the others.
  std::vector<int> run() {
    std::vector<int> order;
    for (int i = 0; i < local_.n; ++i)
      if (at(local_.optional, i)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return at(local_.options, a).size() < at(local_.options, b).size(); });
    for (int i : order) place(i);
    return holder_;
  }

 private:
  bool place(int item) {
    std::fill(visited_.begin(), visited_.end(), 0);
    for (const Local::Option& o : at(local_.options, item)) {
      if (!free_for(o.staff, item)) continue;
      put(item, o.staff);
      return true;
    }
    for (const Local::Option& o : at(local_.options, item)) {
      if (at(visited_, o.staff) || !free_up(o.staff, item, 0)) continue;
      put(item, o.staff);
      return true;
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

  // Makes `staff` hold nothing overlapping `item` by relocating each such appointment; all or nothing.
  bool free_up(int staff, int item, int depth) {
    at(visited_, staff) = 1;
    std::vector<int> conflicts;
    for (int x : at(held_, staff))
      if (overlaps(x, item)) conflicts.push_back(x);
    const std::size_t mark = journal_.size();
    for (int x : conflicts) {
      if (relocate(x, depth + 1)) continue;
      undo(mark);
      return false;
    }
    return true;
  }

  bool relocate(int item, int depth) {
    if (depth > kMaxChain) return false;
    const int from = at(holder_, item);
    for (const Local::Option& o : at(local_.options, item)) {
      if (o.staff == from || at(visited_, o.staff) || !free_for(o.staff, item)) continue;
      put(item, o.staff);
      return true;
    }
    for (const Local::Option& o : at(local_.options, item)) {
      if (o.staff == from || at(visited_, o.staff) || !free_up(o.staff, item, depth)) continue;
      put(item, o.staff);
      return true;
    }
    return false;
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
  std::vector<char> visited_;
  std::vector<std::pair<int, int>> journal_;  // item, previous holder
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

std::vector<int> seed(const Local& local) { return Augmenter(local).run(); }

}  // namespace amt::replan::detail
