// Random crowded offices for the capacity tests: mixed durations, skills, breaks, absences, and
// appointments placed by the reference engine plus some fixed, checked-in, cancelled and
// overlapping ones. Deterministic per seed, so a failing seed can be replayed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model.hpp"

namespace amt::testing {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed * 2654435761ULL + 1) {}
  int below(int bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<std::uint64_t>(bound));
  }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

// An office open 08:00-13:00 and 14:00-17:00 every day with 2-5 services and staff_count people
// whose shifts, breaks and skills vary; absences fall in the week from 2027-03-22.
Catalog random_office(Random& rng, int staff_count);

// Up to `attempts` appointments in the week from 2027-03-22 (location "mainz").
std::vector<Appointment> random_bookings(Random& rng, const Catalog& c, int attempts);

}  // namespace amt::testing
