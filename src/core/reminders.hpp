// When an appointment's reminder (Terminerinnerung) goes out: the mail a fixed time before, the SMS
// at a local time of day before, never in the quiet hours. Pure rules: no clock, no I/O.
#pragma once

#include <string_view>

#include "core/time.hpp"

namespace amt {

enum class ReminderChannel { email, sms };
std::string_view to_string(ReminderChannel channel);  // "email", "sms" (as the outbox names them)

struct ReminderRule {
  Minutes mail_lead{48 * 60};    // the mail goes out this long before the start
  int sms_days_before = 1;       // the SMS goes out this many local days before the start's day...
  LocalTime sms_time = hm(16);   // ...at this local time
  // No reminder leaves in [quiet_from, quiet_until) local time; quiet_from > quiet_until spans
  // midnight (the default 20:00-08:00), equal times mean no quiet hours.
  LocalTime quiet_from = hm(20);
  LocalTime quiet_until = hm(8);
};

// True when local time t lies in the quiet hours.
bool in_quiet_hours(const ReminderRule& rule, Zone z, Instant t);
// t itself when it is not in the quiet hours, else the instant they end (the next quiet_until).
Instant after_quiet_hours(const ReminderRule& rule, Zone z, Instant t);
// The time a reminder is meant for before the quiet hours are applied.
Instant nominal_reminder_time(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant start);

struct ReminderDecision {
  enum class Kind { wait, send, skip };
  Kind kind = Kind::wait;
  Instant at{};  // wait: when to look again; send: now
};

// What to do with the reminder of an appointment starting at start, booked at booked_at, at now:
// wait until it is due; send; or skip it for good (it would land at or after the start, or it was
// due before the citizen booked, when the confirmation has just told them everything). A run that
// comes late (server down) still sends while the appointment lies ahead, but not in quiet hours.
ReminderDecision decide_reminder(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant start,
                                 Instant booked_at, Instant now);

// The latest start whose reminder can be due at now in zone z: a run selects the booked
// appointments starting in (now, this]. Every start after it has its reminder still ahead.
Instant reminder_window_end(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant now);

}  // namespace amt
