// Waitlist fit rule and office-hours hold expiry.
#include "core/waitlist.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/calendar.hpp"

namespace amt {

namespace {

constexpr std::array<std::string_view, 7> waitlist_day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// The instant a local reading means; in a DST gap the gap's end, in a repeat the first one.
Instant waitlist_instant(Zone zone, LocalDate day, LocalTime t) { return resolve(zone, at(day, t)).earliest; }

}  // namespace

const char* to_string(WaitlistStatus s) {
  switch (s) {
    case WaitlistStatus::waiting: return "waiting";
    case WaitlistStatus::offered: return "offered";
    case WaitlistStatus::booked: return "booked";
    case WaitlistStatus::left: return "left";
    case WaitlistStatus::lapsed: return "lapsed";
  }
  return "waiting";
}

std::optional<WaitlistStatus> waitlist_status_from_string(std::string_view s) {
  using S = WaitlistStatus;
  for (S v : {S::waiting, S::offered, S::booked, S::left, S::lapsed})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

bool wants_weekday(const WaitlistWish& wish, int weekday) {
  return weekday >= 0 && weekday < 7 && ((wish.weekdays >> weekday) & 1) != 0;
}

bool fits(const WaitlistWish& wish, Zone zone, Instant start, Instant end) {
  if (end <= start) return false;
  const LocalDate day = local_date(zone, start);
  if (!wants_weekday(wish, weekday_index(day))) return false;
  return start >= waitlist_instant(zone, day, wish.from) && end <= waitlist_instant(zone, day, wish.to);
}

Instant hold_expiry(const Location& location, Zone zone, Instant now, int minutes, Instant latest) {
  auto left = std::chrono::minutes{minutes < 0 ? 0 : minutes};
  const LocalDate first = local_date(zone, now);
  for (int offset = 0; offset < 60 && left.count() > 0; ++offset) {
    const LocalDate day = first + date::days{offset};
    if (is_closed(location, day)) continue;
    for (const TimeRange& open : location.opening_hours[static_cast<size_t>(weekday_index(day))]) {
      const Instant from = std::max(now, waitlist_instant(zone, day, open.start));
      const Instant to = waitlist_instant(zone, day, open.end);
      if (to <= from) continue;
      if (to - from >= left) return std::min(latest, from + left);
      left -= std::chrono::duration_cast<std::chrono::minutes>(to - from);
    }
  }
  return std::min(latest, now + std::chrono::minutes{minutes});  // no office hours found: plain minutes
}

std::optional<std::uint8_t> parse_weekdays(std::string_view text) {
  std::uint8_t mask = 0;
  size_t begin = 0;
  while (true) {
    const auto comma = text.find(',', begin);
    const std::string_view name = text.substr(begin, comma == std::string_view::npos ? text.npos : comma - begin);
    size_t i = 0;
    while (i < waitlist_day_names.size() && waitlist_day_names[i] != name) ++i;
    if (i == waitlist_day_names.size() || ((mask >> i) & 1) != 0) return std::nullopt;
    mask = static_cast<std::uint8_t>(mask | 1u << i);
    if (comma == std::string_view::npos) return mask;
    begin = comma + 1;
  }
}

std::string format_weekdays(std::uint8_t mask) {
  std::string out;
  for (size_t i = 0; i < waitlist_day_names.size(); ++i) {
    if ((mask >> i & 1) == 0) continue;
    if (!out.empty()) out += ',';
    out += waitlist_day_names[i];
  }
  return out;
}

}  // namespace amt
