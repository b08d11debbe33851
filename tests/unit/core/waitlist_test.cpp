// The waitlist's fit rule and the hold that runs only within office hours.
#include "core/waitlist.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

Zone berlin() { return zone("Europe/Berlin"); }
Instant local(const char* date, LocalTime t) { return resolve(berlin(), at(*parse_date(date), t)).earliest; }

// Mon-Fri 08:00-12:00, Thursday also 14:00-18:00.
Location office_hours() {
  Location l;
  l.id = "mainz";
  for (size_t i = 0; i < 5; ++i) l.opening_hours[i] = {{hm(8), hm(12)}};
  l.opening_hours[3].push_back({hm(14), hm(18)});
  return l;
}

const Instant far_future = local("2030-01-01", hm(0));

TEST(WaitlistFit, TimeInsideTheWishedHoursOfAWishedDayFits) {
  const WaitlistWish wish{0b00001, hm(9), hm(11)};  // Mondays 09-11
  // 2027-03-15 is a Monday.
  EXPECT_TRUE(fits(wish, berlin(), local("2027-03-15", hm(9)), local("2027-03-15", hm(9, 30))));
  EXPECT_TRUE(fits(wish, berlin(), local("2027-03-15", hm(10, 30)), local("2027-03-15", hm(11))));
}

TEST(WaitlistFit, TimeThatEndsAfterTheWishedHoursDoesNotFit) {
  const WaitlistWish wish{0b00001, hm(9), hm(11)};
  EXPECT_FALSE(fits(wish, berlin(), local("2027-03-15", hm(10, 45)), local("2027-03-15", hm(11, 15))));
  EXPECT_FALSE(fits(wish, berlin(), local("2027-03-15", hm(8, 45)), local("2027-03-15", hm(9, 15))));
}

TEST(WaitlistFit, TimeOnAnUnwishedWeekdayDoesNotFit) {
  const WaitlistWish wish{0b00001, hm(9), hm(11)};
  EXPECT_FALSE(fits(wish, berlin(), local("2027-03-16", hm(9)), local("2027-03-16", hm(9, 30))));
}

TEST(WaitlistFit, UsesTheLocationsWallClockAcrossDaylightSavingTime) {
  const WaitlistWish wish{0b00001, hm(8), hm(9)};
  // 2027-03-29 is the Monday after the switch to summer time: 08:00 local is 06:00 UTC.
  EXPECT_TRUE(fits(wish, berlin(), *parse_rfc3339("2027-03-29T06:00:00Z"), *parse_rfc3339("2027-03-29T06:30:00Z")));
  EXPECT_FALSE(fits(wish, berlin(), *parse_rfc3339("2027-03-29T07:00:00Z"), *parse_rfc3339("2027-03-29T07:30:00Z")));
}

TEST(WaitlistHold, RunsItsMinutesWithinOneOpenMorning) {
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-15", hm(9)), 120, far_future),
            local("2027-03-15", hm(11)));
}

TEST(WaitlistHold, MadeShortlyBeforeClosingContinuesOnTheNextOpeningDay) {
  // Monday 11:30: 30 minutes today, the other 90 on Tuesday from 08:00.
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-15", hm(11, 30)), 120, far_future),
            local("2027-03-16", hm(9, 30)));
}

TEST(WaitlistHold, MadeAfterClosingStartsAtTheNextOpening) {
  // Friday evening: the weekend does not count, Monday 08:00 + 2 h.
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-19", hm(17, 30)), 120, far_future),
            local("2027-03-22", hm(10)));
}

TEST(WaitlistHold, SkipsPublicHolidaysAndUsesEveryOpeningRangeOfADay) {
  // Thursday 2027-03-25 11:00: one hour in the morning, one from 14:00.
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-25", hm(11)), 120, far_future),
            local("2027-03-25", hm(15)));
  // Thursday 2027-03-25 17:30: half an hour that evening; Good Friday, the Easter weekend and
  // Easter Monday are closed, so the other 90 minutes run on Tuesday from 08:00.
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-25", hm(17, 30)), 120, far_future),
            local("2027-03-30", hm(9, 30)));
}

TEST(WaitlistHold, NeverOutlastsTheLastMomentTheTimeCanBeBooked) {
  const Instant latest = local("2027-03-15", hm(10));
  EXPECT_EQ(hold_expiry(office_hours(), berlin(), local("2027-03-15", hm(9)), 120, latest), latest);
}

TEST(WaitlistHold, LocationWithoutOpeningHoursCountsPlainMinutes) {
  Location closed;
  EXPECT_EQ(hold_expiry(closed, berlin(), local("2027-03-15", hm(9)), 120, far_future), local("2027-03-15", hm(11)));
}

TEST(WaitlistWeekdays, ParsesAndFormatsDayLists) {
  EXPECT_EQ(parse_weekdays("mon,wed,fri"), std::optional<std::uint8_t>(0b10101));
  EXPECT_EQ(format_weekdays(0b10101), "mon,wed,fri");
  EXPECT_FALSE(parse_weekdays(""));
  EXPECT_FALSE(parse_weekdays("mon,mon"));
  EXPECT_FALSE(parse_weekdays("monday"));
  EXPECT_FALSE(parse_weekdays("mon,"));
}

}  // namespace
}  // namespace amt
