// The reminder timing rules: mail two days before, SMS at 16:00 the day before, nothing between
// 20:00 and 08:00 local time (Europe/Berlin, with its summer-time change).
#include "core/reminders.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

const Zone remind_zone = zone("Europe/Berlin");

// Local time in Berlin (March 2027: CET, UTC+1, until the change on the 28th).
Instant remind_at(int month, int day, int hour, int minute = 0) {
  return resolve(remind_zone, at(LocalDate{date::year{2027} / month / day}, hm(hour, minute))).earliest;
}

using RemindKind = ReminderDecision::Kind;
constexpr auto by_mail = ReminderChannel::email;
constexpr auto by_sms = ReminderChannel::sms;

TEST(ReminderRule, MailIsDueTwoDaysBeforeAndWaitsUntilThen) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 10);
  const Instant booked = remind_at(3, 1, 9);
  const auto early = decide_reminder(rule, by_mail, remind_zone, start, booked, remind_at(3, 15, 9, 59));
  EXPECT_EQ(early.kind, RemindKind::wait);
  EXPECT_EQ(early.at, remind_at(3, 15, 10));
  EXPECT_EQ(decide_reminder(rule, by_mail, remind_zone, start, booked, remind_at(3, 15, 10)).kind, RemindKind::send);
}

TEST(ReminderRule, SmsIsDueAtFourInTheAfternoonTheDayBefore) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 8, 30);
  const auto decision = decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 16, 12));
  EXPECT_EQ(decision.kind, RemindKind::wait);
  EXPECT_EQ(decision.at, remind_at(3, 16, 16));
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 16, 16, 1)).kind,
            RemindKind::send);
}

TEST(ReminderRule, AReminderDueAtNinePmGoesOutAtEightNextMorning) {
  ReminderRule rule;
  rule.sms_time = hm(21);
  const Instant start = remind_at(3, 17, 14);
  const auto at_nine = decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 16, 21));
  EXPECT_EQ(at_nine.kind, RemindKind::wait);
  EXPECT_EQ(at_nine.at, remind_at(3, 17, 8));
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 17, 8)).kind, RemindKind::send);
}

TEST(ReminderRule, NothingIsSentInQuietHoursEvenWhenTheRunComesLate) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 11);
  // The server was down at 16:00; at 22:30 the SMS waits for 08:00, which is still before the start.
  const auto late = decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 16, 22, 30));
  EXPECT_EQ(late.kind, RemindKind::wait);
  EXPECT_EQ(late.at, remind_at(3, 17, 8));
  EXPECT_TRUE(in_quiet_hours(rule, remind_zone, remind_at(3, 16, 20)));
  EXPECT_TRUE(in_quiet_hours(rule, remind_zone, remind_at(3, 17, 7, 59)));
  EXPECT_FALSE(in_quiet_hours(rule, remind_zone, remind_at(3, 17, 8)));
  EXPECT_FALSE(in_quiet_hours(rule, remind_zone, remind_at(3, 16, 19, 59)));
}

TEST(ReminderRule, AnEarlyMorningAppointmentsMailMovesToTheEndOfTheQuietHours) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 7, 30);  // 07:30: two days before is in the quiet hours
  const auto d = decide_reminder(rule, by_mail, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 15, 7, 30));
  EXPECT_EQ(d.kind, RemindKind::wait);
  EXPECT_EQ(d.at, remind_at(3, 15, 8));
}

TEST(ReminderRule, AReminderThatWouldLandAtOrAfterTheStartIsSkipped) {
  ReminderRule rule;
  rule.mail_lead = Minutes{120};
  // 08:00 start, due 06:00, quiet until 08:00: it would arrive when the talk begins.
  EXPECT_EQ(decide_reminder(rule, by_mail, remind_zone, remind_at(3, 17, 8), remind_at(3, 1, 9), remind_at(3, 17, 6)).kind,
            RemindKind::skip);
  // 08:30 start: 08:00 is still before it.
  const auto d = decide_reminder(rule, by_mail, remind_zone, remind_at(3, 17, 8, 30), remind_at(3, 1, 9),
                                 remind_at(3, 17, 7));
  EXPECT_EQ(d.kind, RemindKind::wait);
  EXPECT_EQ(d.at, remind_at(3, 17, 8));
  // A late run in the quiet hours whose end is after the start skips too.
  EXPECT_EQ(decide_reminder(ReminderRule{}, by_sms, remind_zone, remind_at(3, 17, 7, 45), remind_at(3, 1, 9),
                            remind_at(3, 16, 23))
                .kind,
            RemindKind::skip);
}

TEST(ReminderRule, ABookingMadeAfterTheReminderTimeGetsNoReminder) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 10);
  // Booked a day ahead: the mail time (two days before) had passed, the confirmation serves.
  EXPECT_EQ(decide_reminder(rule, by_mail, remind_zone, start, remind_at(3, 16, 9), remind_at(3, 16, 9, 5)).kind,
            RemindKind::skip);
  // ...but the SMS in the afternoon still goes out.
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 16, 9), remind_at(3, 16, 16)).kind, RemindKind::send);
  // Booked at 17:00 the day before: the SMS time had passed too.
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 16, 17), remind_at(3, 16, 17, 1)).kind,
            RemindKind::skip);
}

TEST(ReminderRule, AfterTheStartNothingIsSent) {
  const ReminderRule rule;
  const Instant start = remind_at(3, 17, 10);
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, start, remind_at(3, 1, 9), remind_at(3, 17, 10)).kind, RemindKind::skip);
}

TEST(ReminderRule, TheSmsTimeIsLocalAcrossTheChangeToSummerTime) {
  const ReminderRule rule;
  // Monday 29 March 2027 10:00 CEST; the day before (Sunday 28th) is already summer time at 16:00.
  const Instant start = remind_at(3, 29, 10);
  const Instant sixteen_cest = Instant{date::sys_days{date::year{2027} / 3 / 28}} + std::chrono::hours{14};
  EXPECT_EQ(nominal_reminder_time(rule, by_sms, remind_zone, start), sixteen_cest);
}

TEST(ReminderRule, TheSelectionWindowEndsWithTheLastStartWhoseReminderIsDue) {
  const ReminderRule rule;
  EXPECT_EQ(reminder_window_end(rule, by_mail, remind_zone, remind_at(3, 15, 9)), remind_at(3, 17, 9));
  // Before 16:00 on the 15th: SMS due for starts up to the end of the 15th (their SMS was on the 14th).
  EXPECT_EQ(reminder_window_end(rule, by_sms, remind_zone, remind_at(3, 15, 15, 59)),
            remind_at(3, 16, 0) - std::chrono::seconds{1});
  // From 16:00: the 16th's SMS are due too.
  const Instant end = reminder_window_end(rule, by_sms, remind_zone, remind_at(3, 15, 16));
  EXPECT_EQ(end, remind_at(3, 17, 0) - std::chrono::seconds{1});
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, end, remind_at(3, 1, 9), remind_at(3, 15, 16)).kind,
            RemindKind::send);
  EXPECT_EQ(decide_reminder(rule, by_sms, remind_zone, end + std::chrono::seconds{1}, remind_at(3, 1, 9),
                            remind_at(3, 15, 16))
                .kind,
            RemindKind::wait);
}

TEST(ReminderRule, EqualQuietTimesMeanNoQuietHours) {
  ReminderRule rule;
  rule.quiet_from = rule.quiet_until = hm(0);
  EXPECT_FALSE(in_quiet_hours(rule, remind_zone, remind_at(3, 16, 23)));
  EXPECT_EQ(after_quiet_hours(rule, remind_zone, remind_at(3, 16, 23)), remind_at(3, 16, 23));
}

}  // namespace
}  // namespace amt
