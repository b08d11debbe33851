// RFC 3339 parsing and formatting, and DST resolution in Europe/Berlin.
#include "core/time.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

TEST(Time, FormatsWinterAndSummerOffsetsOfBerlin) {
  const Zone berlin = zone("Europe/Berlin");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-03-15T07:00:00Z"), berlin), "2027-03-15T08:00:00+01:00");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-03-29T06:00:00Z"), berlin), "2027-03-29T08:00:00+02:00");
}

TEST(Time, RejectsTimesWithoutOffsetAndImpossibleDates) {
  EXPECT_FALSE(parse_rfc3339("2027-03-15T08:00:00"));
  EXPECT_FALSE(parse_rfc3339("2027-02-30T08:00:00+01:00"));
  EXPECT_FALSE(parse_rfc3339("2027-03-15T24:00:00+01:00"));
  EXPECT_FALSE(parse_date("2027-13-01"));
  EXPECT_TRUE(parse_date("2028-02-29"));
  EXPECT_FALSE(parse_date("2027-02-29"));
}

TEST(Time, SpringGapIsReportedAsSkipped) {
  const Zone berlin = zone("Europe/Berlin");
  const auto r = resolve(berlin, at(*parse_date("2027-03-28"), hm(2, 30)));
  EXPECT_EQ(r.kind, LocalResolution::Kind::skipped);
  EXPECT_EQ(format_rfc3339(r.earliest, berlin), "2027-03-28T03:00:00+02:00");
}

TEST(Time, AutumnRepeatGivesTwoInstants) {
  const Zone berlin = zone("Europe/Berlin");
  const auto r = resolve(berlin, at(*parse_date("2027-10-31"), hm(2, 30)));
  EXPECT_EQ(r.kind, LocalResolution::Kind::repeated);
  EXPECT_EQ(r.latest - r.earliest, std::chrono::hours{1});
}

}  // namespace
}  // namespace amt
