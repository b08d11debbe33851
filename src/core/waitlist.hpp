// The waitlist's pure rules (Warteliste, issue #8 item 3): which freed time fits a citizen's wish,
// and when a time held for them runs out, counting only the location's office hours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model.hpp"

namespace amt {

// The weekdays and hours that suit a citizen: a time fits when it starts and ends on one of the
// days, inside [from, to) on the location's wall clock.
struct WaitlistWish {
  std::uint8_t weekdays = 0x1f;  // bit 0 = Monday ... bit 6 = Sunday
  LocalTime from = hm(0);
  LocalTime to = hm(24);
  friend bool operator==(const WaitlistWish&, const WaitlistWish&) = default;
};

bool wants_weekday(const WaitlistWish& wish, int weekday);  // Monday = 0
bool fits(const WaitlistWish& wish, Zone zone, Instant start, Instant end);

enum class WaitlistStatus : std::uint8_t {
  waiting,  // on the list, no offer open
  offered,  // a time is held for them until hold_until
  booked,   // accepted an offer: appointment_id is their booking
  left,     // left the list themselves
  lapsed,   // let an offer expire: told so, off the list (they may join again)
};
const char* to_string(WaitlistStatus s);
std::optional<WaitlistStatus> waitlist_status_from_string(std::string_view s);

// One citizen's request for a time (Wartelisteneintrag). Join order is the store's; the link to
// see, leave or accept is derived from token_nonce with the server's secret (never stored itself).
struct WaitlistEntry {
  Id id;
  std::string token_nonce;
  Id location_id;
  Id service_id;
  WaitlistWish wish;
  Contact contact;  // e-mail and/or mobile number, at least one
  std::string language = "de";
  Instant joined_at{};
  WaitlistStatus status = WaitlistStatus::waiting;
  Id appointment_id;        // offered: the held appointment; booked: the booking; else ""
  std::optional<Instant> hold_until;  // offered only
  int offers = 0;           // offers made so far
  Instant changed_at{};
};

// When a hold of `minutes` office minutes made at `now` ends: the minutes run only while the
// location is open (opening hours, not on public holidays or closures); a hold made after closing
// starts on the next opening day. Never after `latest` (the last moment the time can still be
// booked). Looks at most 60 days ahead; a location without opening hours in that span counts
// plain minutes.
Instant hold_expiry(const Location& location, Zone zone, Instant now, int minutes, Instant latest);

// "mon,tue,fri" <-> mask; nullopt for an unknown or repeated day name or an empty list.
std::optional<std::uint8_t> parse_weekdays(std::string_view text);
std::string format_weekdays(std::uint8_t mask);

}  // namespace amt
