// How domain values are stored: instants as unix seconds (bigint), times of day as minutes.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/time.hpp"

namespace amt::store::postgres {

constexpr std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }
constexpr Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

}  // namespace amt::store::postgres
