// Absolute time (Instant, UTC) and civil time (LocalDate, LocalTime) are different types; the only
// bridge between them is a time zone, and a local time in a DST gap or repeat is said so explicitly.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

namespace amt {

using Instant = std::chrono::sys_seconds;  // a point on the UTC time line
using LocalDate = date::local_days;         // a calendar day on the wall calendar
using LocalDateTime = date::local_seconds;  // a wall-clock reading, meaningless without a zone
using Minutes = std::chrono::minutes;

// A wall-clock time of day, minutes since local midnight (0..1440).
struct LocalTime {
  int minutes = 0;
  friend constexpr auto operator<=>(LocalTime, LocalTime) = default;
};
constexpr LocalTime hm(int hours, int minutes = 0) { return {hours * 60 + minutes}; }

using Zone = const date::time_zone*;
Zone zone(std::string_view name);  // throws std::runtime_error for an unknown zone name

// What a local reading means in a zone: one instant, none (spring gap), or two (autumn repeat).
struct LocalResolution {
  enum class Kind { unique, skipped, repeated };
  Kind kind;
  Instant earliest;  // unique: the instant; skipped: where the gap ends; repeated: first of two
  Instant latest;    // unique: same as earliest; repeated: the second occurrence
};
LocalResolution resolve(Zone z, LocalDateTime local);

LocalDateTime to_local(Zone z, Instant t);
LocalDate local_date(Zone z, Instant t);
LocalDateTime at(LocalDate d, LocalTime t);
int weekday_index(LocalDate d);  // Monday = 0 ... Sunday = 6

// RFC 3339 with the zone's offset, e.g. 2027-03-15T08:00:00+01:00.
std::string format_rfc3339(Instant t, Zone z);
std::string format_rfc3339_utc(Instant t);
// Accepts RFC 3339 with 'Z' or a numeric offset; fractional seconds are dropped. No offset: nullopt.
std::optional<Instant> parse_rfc3339(std::string_view text);
std::optional<LocalDate> parse_date(std::string_view text);  // YYYY-MM-DD, a real calendar date
std::string format_date(LocalDate d);
std::string format_time(LocalTime t);                           // HH:MM
std::optional<LocalTime> parse_time(std::string_view text);     // HH:MM, 00:00..24:00

}  // namespace amt
