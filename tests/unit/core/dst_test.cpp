// Daylight saving edges in Europe/Berlin: day lengths, the boundaries of the gap and the repeat,
// and local dates of instants near midnight.
#include "core/time.hpp"

#include <gtest/gtest.h>

#include "unit/core/capacity_fixture.hpp"

namespace amt {
namespace {

using Kind = LocalResolution::Kind;

Kind kind_at(const char* date, LocalTime time) { return resolve(testing::berlin(), at(testing::day(date), time)).kind; }
Instant midnight(const char* date) { return resolve(testing::berlin(), at(testing::day(date), hm(0))).earliest; }

TEST(Dst, SpringForwardSundayHasTwentyThreeHours) {
  EXPECT_EQ(midnight("2026-03-30") - midnight("2026-03-29"), std::chrono::hours{23});
  EXPECT_EQ(midnight("2027-03-29") - midnight("2027-03-28"), std::chrono::hours{23});
}

TEST(Dst, FallBackSundayHasTwentyFiveHours) {
  EXPECT_EQ(midnight("2026-10-26") - midnight("2026-10-25"), std::chrono::hours{25});
  EXPECT_EQ(midnight("2027-11-01") - midnight("2027-10-31"), std::chrono::hours{25});
}

TEST(Dst, GapCoversExactlyTwoOClockUpToThree) {
  EXPECT_EQ(kind_at("2026-03-29", hm(1, 59)), Kind::unique);
  EXPECT_EQ(kind_at("2026-03-29", hm(2, 0)), Kind::skipped);
  EXPECT_EQ(kind_at("2026-03-29", hm(2, 59)), Kind::skipped);
  EXPECT_EQ(kind_at("2026-03-29", hm(3, 0)), Kind::unique);
}

TEST(Dst, RepeatCoversExactlyTwoOClockUpToThree) {
  EXPECT_EQ(kind_at("2026-10-25", hm(1, 59)), Kind::unique);
  EXPECT_EQ(kind_at("2026-10-25", hm(2, 0)), Kind::repeated);
  EXPECT_EQ(kind_at("2026-10-25", hm(2, 59)), Kind::repeated);
  EXPECT_EQ(kind_at("2026-10-25", hm(3, 0)), Kind::unique);
}

TEST(Dst, OfficeHoursOnTheMondaysAfterTheSwitchUseTheNewOffset) {
  const auto spring = resolve(testing::berlin(), at(testing::day("2026-03-30"), hm(8)));
  const auto autumn = resolve(testing::berlin(), at(testing::day("2026-10-26"), hm(8)));
  EXPECT_EQ(format_rfc3339_utc(spring.earliest), "2026-03-30T06:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(autumn.earliest), "2026-10-26T07:00:00Z");
}

TEST(Dst, LateUtcEveningIsAlreadyTheNextLocalDay) {
  EXPECT_EQ(format_date(local_date(testing::berlin(), *parse_rfc3339("2026-06-30T22:30:00Z"))), "2026-07-01");
  EXPECT_EQ(format_date(local_date(testing::berlin(), *parse_rfc3339("2026-12-31T22:59:59Z"))), "2026-12-31");
  EXPECT_EQ(format_date(local_date(testing::berlin(), *parse_rfc3339("2026-12-31T23:00:00Z"))), "2027-01-01");
}

TEST(Dst, InstantsAfterTheRepeatFormatWithWinterOffset) {
  const auto r = resolve(testing::berlin(), at(testing::day("2026-10-25"), hm(2, 30)));
  EXPECT_EQ(format_rfc3339(r.earliest, testing::berlin()), "2026-10-25T02:30:00+02:00");
  EXPECT_EQ(format_rfc3339(r.latest, testing::berlin()), "2026-10-25T02:30:00+01:00");
}

TEST(Dst, SwitchDaysAreSundays) {
  EXPECT_EQ(weekday_index(testing::day("2026-03-29")), 6);
  EXPECT_EQ(weekday_index(testing::day("2026-10-25")), 6);
  EXPECT_EQ(weekday_index(testing::day("2026-03-30")), 0);
}

}  // namespace
}  // namespace amt
