// Keys are the item index and the (person, busy-until) pairs still running; stored in one pool.
#include "core/replanning_memo.hpp"

#include <algorithm>

namespace amt::replan::detail {

namespace {
std::uint64_t hash(const std::vector<int>& key) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (int v : key) {
    h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(v)) + 0x9E3779B97F4A7C15ULL + (h << 6) +
         (h >> 2);
    h *= 0xFF51AFD7ED558CCDULL;
  }
  return h ^ (h >> 33);
}
}  // namespace

bool Memo::seen(int k, int start, const std::vector<int>& busy_until, int kept, std::int64_t cost) {
  key_.clear();
  key_.push_back(k);
  for (int s = 0; s < static_cast<int>(busy_until.size()); ++s) {
    const int until = busy_until[static_cast<std::size_t>(s)];
    if (until <= start) continue;
    key_.push_back(s);
    key_.push_back(until);
  }
  const std::uint64_t h = hash(key_);
  const auto it = table_.find(h);
  if (it == table_.end()) {
    if (pool_.size() + key_.size() > kMaxPool) return false;
    table_.emplace(h, Entry{pool_.size(), key_.size(), kept, cost});
    pool_.insert(pool_.end(), key_.begin(), key_.end());
    return false;
  }
  Entry& e = it->second;
  const auto stored = pool_.begin() + static_cast<std::ptrdiff_t>(e.offset);
  if (e.length != key_.size() || !std::equal(key_.begin(), key_.end(), stored)) return false;  // a collision
  if (e.kept >= kept && e.cost <= cost) return true;
  e.kept = kept;
  e.cost = cost;
  return false;
}

}  // namespace amt::replan::detail
