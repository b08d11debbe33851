// The emergency reserve rule: one desk kept free for the last minutes of the opening hours.
#include "core/emergency_reserve.hpp"

#include <algorithm>
#include <cstddef>

namespace amt::capacity {

namespace {

int first_working(const Word* row, int words) {
  for (int i = 0; i < words; ++i)
    if (row[i] != 0) return i * 64 + __builtin_ctzll(row[i]);
  return -1;
}

}  // namespace

std::vector<HeldCell> emergency_hold(const std::vector<CellRange>& opening, int minutes,
                                     const Word* working, int cells, int words) {
  std::vector<HeldCell> held;
  int wanted = (minutes + kCellMinutes - 1) / kCellMinutes;
  int current = -1;
  for (auto range = opening.rbegin(); range != opening.rend() && wanted > 0; ++range) {
    const int end = std::min(range->end, cells);
    for (int c = end - 1; c >= std::max(range->begin, 0) && wanted > 0; --c) {
      const Word* row = working + static_cast<std::ptrdiff_t>(c) * words;
      if (current < 0 || !test_bit(row, current)) current = first_working(row, words);
      if (current < 0) continue;
      held.push_back({c, current});
      --wanted;
    }
  }
  return held;
}

}  // namespace amt::capacity
