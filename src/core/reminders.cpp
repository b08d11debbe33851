// The reminder timing rules (see reminders.hpp).
#include "core/reminders.hpp"

#include <algorithm>

namespace amt {

std::string_view to_string(ReminderChannel channel) { return channel == ReminderChannel::email ? "email" : "sms"; }

namespace {

LocalTime reminder_time_of_day(Zone z, Instant t) {
  const LocalDateTime local = to_local(z, t);
  const auto since_midnight = local - std::chrono::floor<date::days>(local);
  return {static_cast<int>(std::chrono::duration_cast<Minutes>(since_midnight).count())};
}

// The instant of local time `time` on day d; a time in a DST gap counts from where the gap ends.
Instant reminder_instant(Zone z, LocalDate d, LocalTime time) { return resolve(z, at(d, time)).earliest; }

}  // namespace

bool in_quiet_hours(const ReminderRule& rule, Zone z, Instant t) {
  if (rule.quiet_from == rule.quiet_until) return false;
  const LocalTime now = reminder_time_of_day(z, t);
  if (rule.quiet_from < rule.quiet_until) return now >= rule.quiet_from && now < rule.quiet_until;
  return now >= rule.quiet_from || now < rule.quiet_until;
}

Instant after_quiet_hours(const ReminderRule& rule, Zone z, Instant t) {
  if (!in_quiet_hours(rule, z, t)) return t;
  const LocalDate today = local_date(z, t);
  // Before quiet_until: the quiet hours end today; otherwise (evening part) tomorrow.
  const LocalDate end_day = reminder_time_of_day(z, t) < rule.quiet_until ? today : today + date::days{1};
  return std::max(t, reminder_instant(z, end_day, rule.quiet_until));
}

Instant nominal_reminder_time(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant start) {
  if (channel == ReminderChannel::email) return start - rule.mail_lead;
  return reminder_instant(z, local_date(z, start) - date::days{rule.sms_days_before}, rule.sms_time);
}

ReminderDecision decide_reminder(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant start,
                                 Instant booked_at, Instant now) {
  using Kind = ReminderDecision::Kind;
  const Instant due = after_quiet_hours(rule, z, nominal_reminder_time(rule, channel, z, start));
  if (due >= start || due <= booked_at) return {Kind::skip, due};
  if (now < due) return {Kind::wait, due};
  const Instant at = after_quiet_hours(rule, z, now);
  if (at >= start) return {Kind::skip, at};
  if (at > now) return {Kind::wait, at};
  return {Kind::send, now};
}

Instant reminder_window_end(const ReminderRule& rule, ReminderChannel channel, Zone z, Instant now) {
  if (channel == ReminderChannel::email) return now + rule.mail_lead;  // the quiet hours only delay
  // The SMS of a start on day D is due at sms_time on D - days_before: due by now for every day up
  // to the last D whose SMS time has come, i.e. for starts before the next local midnight after it.
  const LocalDate today = local_date(z, now);
  const LocalDate last_day = today + date::days{rule.sms_days_before} -
                             date::days{now < reminder_instant(z, today, rule.sms_time) ? 1 : 0};
  return reminder_instant(z, last_day + date::days{1}, hm(0)) - std::chrono::seconds{1};
}

}  // namespace amt
