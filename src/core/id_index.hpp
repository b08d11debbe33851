// A read-only map from ids to small indices, built once per catalog version: open addressing in
// one flat array with a cheap hash, because the availability answer looks up the staff member and
// the service of every appointment (10,000 of them for 60 days of a large office) on every request.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace amt::capacity {

class IdIndex {
 public:
  // The i-th item gets index i; a later duplicate is ignored (the first one wins).
  template <typename Range, typename Key>
  void build(const Range& items, Key key) {
    std::size_t size = 8;
    while (size < 2 * items.size()) size *= 2;
    slots_.assign(size, Slot{0, -1});
    keys_.clear();
    for (const auto& item : items) {
      const std::string_view id = key(item);
      const int index = static_cast<int>(keys_.size());
      keys_.emplace_back(id);
      if (find(id) >= 0) continue;
      place(id, index);
    }
  }

  int find(std::string_view id) const {  // -1 when absent
    if (slots_.empty()) return -1;
    const std::uint64_t h = hash(id);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index < 0) return -1;
      if (s.hash == h && keys_[static_cast<std::size_t>(s.index)] == id) return s.index;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash;
    int index;
  };

  // Length, first and last eight bytes, mixed: ids differ in those (numbered slugs, UUIDs), and
  // a collision only costs one more comparison.
  static std::uint64_t hash(std::string_view id) {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    const std::size_t n = id.size();
    if (n >= 8) {
      std::memcpy(&head, id.data(), 8);
      std::memcpy(&tail, id.data() + n - 8, 8);
    } else {
      std::memcpy(&head, id.data(), n);
    }
    std::uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ n) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ (h >> 32)) * 0x94D049BB133111EBULL;
    return h ^ (h >> 29);
  }

  void place(std::string_view id, int index) {
    const std::uint64_t h = hash(id);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].index >= 0) i = (i + 1) & mask;
    slots_[i] = {h, index};
  }

  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
};

}  // namespace amt::capacity
