// How a waitlist entry row reads back, the same for both backends: one column list, one reader
// over either backend's row type (anything with text and int64 by column number).
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "core/waitlist.hpp"

// The columns read_waitlist_entry expects, in its order (instants are unix seconds; a missing
// hold_until reads as -1).
#define AMT_WAITLIST_COLUMNS                                                                         \
  "id, token_nonce, location_id, service_id, weekdays, from_minute, to_minute, contact_name, "     \
  "contact_email, contact_phone, language, joined_at, status, appointment_id, COALESCE(hold_until, -1), " \
  "offers, changed_at"

namespace amt::store {

template <class Row>
WaitlistEntry read_waitlist_entry(const Row& q) {
  const auto at = [&](int column) { return Instant{std::chrono::seconds{q.int64(column)}}; };
  WaitlistEntry e;
  e.id = q.text(0);
  e.token_nonce = q.text(1);
  e.location_id = q.text(2);
  e.service_id = q.text(3);
  e.wish = {static_cast<std::uint8_t>(q.int64(4)), LocalTime{static_cast<int>(q.int64(5))},
            LocalTime{static_cast<int>(q.int64(6))}};
  e.contact = {q.text(7), q.text(8), q.text(9)};
  e.language = q.text(10);
  e.joined_at = at(11);
  auto status = waitlist_status_from_string(q.text(12));
  if (!status) throw std::runtime_error("waitlist entry " + e.id + ": unknown status");
  e.status = *status;
  e.appointment_id = q.text(13);
  if (q.int64(14) >= 0) e.hold_until = at(14);
  e.offers = static_cast<int>(q.int64(15));
  e.changed_at = at(16);
  return e;
}

}  // namespace amt::store
