// Transposition table for re-planning's branch and bound: two paths that reach the same item with
// the same people busy until the same times have the same futures, so the second one is pruned
// unless it arrives with more appointments kept or at a lower cost.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace amt::replan::detail {

class Memo {
 public:
  explicit Memo(int staff) { key_.reserve(static_cast<std::size_t>(2 * staff + 1)); }

  // Whether this state was reached before with at least `kept` and at most `cost`; records the
  // state otherwise. `start`: the start of item k; who is free by then is simply free.
  bool seen(int k, int start, const std::vector<int>& busy_until, int kept, std::int64_t cost);
  void clear() {
    table_.clear();
    pool_.clear();
  }

 private:
  static constexpr std::size_t kMaxPool = std::size_t{1} << 22;  // ints of stored keys (16 MB)
  struct Entry {
    std::size_t offset;
    std::size_t length;
    int kept;
    std::int64_t cost;
  };
  std::unordered_map<std::uint64_t, Entry> table_;
  std::vector<int> pool_;
  std::vector<int> key_;
};

}  // namespace amt::replan::detail
