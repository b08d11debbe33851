// Sets of one location's staff as rows of 64-bit words, one bit per staff index: the capacity
// engine's inner loops are ANDs and popcounts over such rows instead of per-person lookups.
#pragma once

#include <bit>
#include <cstdint>

namespace amt::capacity {

using Word = std::uint64_t;

constexpr int words_for(int staff_count) { return (staff_count + 63) / 64; }

inline void set_bit(Word* row, int i) { row[i >> 6] |= Word{1} << (i & 63); }
inline void clear_bit(Word* row, int i) { row[i >> 6] &= ~(Word{1} << (i & 63)); }
inline bool test_bit(const Word* row, int i) { return ((row[i >> 6] >> (i & 63)) & 1) != 0; }

inline void fill(Word* row, int words, Word value) {
  for (int i = 0; i < words; ++i) row[i] = value;
}
inline void copy(Word* dst, const Word* src, int words) {
  for (int i = 0; i < words; ++i) dst[i] = src[i];
}
inline void and_into(Word* dst, const Word* src, int words) {
  for (int i = 0; i < words; ++i) dst[i] &= src[i];
}
inline void or_into(Word* dst, const Word* src, int words) {
  for (int i = 0; i < words; ++i) dst[i] |= src[i];
}
inline void and_not_into(Word* dst, const Word* src, int words) {
  for (int i = 0; i < words; ++i) dst[i] &= ~src[i];
}

// Members of a row; and of a AND b AND NOT except. Out of line (staff_set.cpp) so that one build
// counts with the POPCNT instruction where the processor has it and portably where it has not.
int popcount(const Word* row, int words);
int popcount_and_not(const Word* a, const Word* b, const Word* except, int words);

inline int first_bit(const Word* row, int words) {  // -1 when empty
  for (int i = 0; i < words; ++i)
    if (row[i] != 0) return i * 64 + std::countr_zero(row[i]);
  return -1;
}

// The lowest set bit at or above `from`, -1 when none.
inline int next_bit(const Word* row, int words, int from) {
  int w = from >> 6;
  if (w >= words) return -1;
  Word rest = row[w] & (~Word{0} << (from & 63));
  while (true) {
    if (rest != 0) return w * 64 + std::countr_zero(rest);
    if (++w >= words) return -1;
    rest = row[w];
  }
}

}  // namespace amt::capacity
