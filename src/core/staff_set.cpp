// The counting of staff_set.hpp. The baseline x86-64 the binary is built for has no POPCNT, so
// std::popcount becomes a library call; target_clones adds a POPCNT copy of each function and the
// loader picks it where the processor has the instruction (it was 4.5 % of the availability
// query's instructions as a call, see docs/benchmarks.md).
#include "core/staff_set.hpp"

namespace amt::capacity {

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define AMT_COUNTING __attribute__((target_clones("popcnt", "default")))
#else
#define AMT_COUNTING
#endif

AMT_COUNTING int popcount(const Word* row, int words) {
  int n = 0;
  for (int i = 0; i < words; ++i) n += std::popcount(row[i]);
  return n;
}

AMT_COUNTING int popcount_and_not(const Word* a, const Word* b, const Word* except, int words) {
  int n = 0;
  for (int i = 0; i < words; ++i) n += std::popcount(a[i] & b[i] & ~except[i]);
  return n;
}

}  // namespace amt::capacity
#undef AMT_COUNTING
