// Public holidays of Rhineland-Palatinate and the days a location is closed.
#include "core/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace amt {
namespace {

LocalDate day(const char* text) { return *parse_date(text); }

std::vector<std::pair<std::string, std::string>> listed(int year) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Holiday& h : rhineland_palatinate_holidays(year)) out.emplace_back(format_date(h.date), h.name);
  return out;
}

Location weekday_office() {
  Location l;
  l.id = "mainz";
  for (int i = 0; i < 5; ++i) l.opening_hours[static_cast<size_t>(i)] = {{hm(8), hm(12)}};
  return l;
}

TEST(Calendar, EasterSundayOfKnownYears) {
  EXPECT_EQ(format_date(easter_sunday(2019)), "2019-04-21");
  EXPECT_EQ(format_date(easter_sunday(2024)), "2024-03-31");
  EXPECT_EQ(format_date(easter_sunday(2025)), "2025-04-20");
  EXPECT_EQ(format_date(easter_sunday(2026)), "2026-04-05");
  EXPECT_EQ(format_date(easter_sunday(2027)), "2027-03-28");
  EXPECT_EQ(format_date(easter_sunday(2038)), "2038-04-25");
}

TEST(Calendar, EasterSundayAtTheEdgesOfItsRange) {
  EXPECT_EQ(format_date(easter_sunday(2285)), "2285-03-22");  // earliest possible
  EXPECT_EQ(format_date(easter_sunday(1943)), "1943-04-25");  // latest possible
  EXPECT_EQ(format_date(easter_sunday(2008)), "2008-03-23");
}

TEST(Calendar, ListsAllRhinelandPalatinateHolidaysOf2026InDateOrder) {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"2026-01-01", "Neujahr"},
      {"2026-04-03", "Karfreitag"},
      {"2026-04-06", "Ostermontag"},
      {"2026-05-01", "Tag der Arbeit"},
      {"2026-05-14", "Christi Himmelfahrt"},
      {"2026-05-25", "Pfingstmontag"},
      {"2026-06-04", "Fronleichnam"},
      {"2026-10-03", "Tag der Deutschen Einheit"},
      {"2026-11-01", "Allerheiligen"},
      {"2026-12-25", "1. Weihnachtstag"},
      {"2026-12-26", "2. Weihnachtstag"},
  };
  EXPECT_EQ(listed(2026), expected);
}

TEST(Calendar, ListsAllRhinelandPalatinateHolidaysOf2027InDateOrder) {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"2027-01-01", "Neujahr"},
      {"2027-03-26", "Karfreitag"},
      {"2027-03-29", "Ostermontag"},
      {"2027-05-01", "Tag der Arbeit"},
      {"2027-05-06", "Christi Himmelfahrt"},
      {"2027-05-17", "Pfingstmontag"},
      {"2027-05-27", "Fronleichnam"},
      {"2027-10-03", "Tag der Deutschen Einheit"},
      {"2027-11-01", "Allerheiligen"},
      {"2027-12-25", "1. Weihnachtstag"},
      {"2027-12-26", "2. Weihnachtstag"},
  };
  EXPECT_EQ(listed(2027), expected);
}

TEST(Calendar, PublicHolidayCheckAgreesWithTheListForEveryDayOfTwoYears) {
  for (int year : {2026, 2027}) {
    const auto holidays = rhineland_palatinate_holidays(year);
    int found = 0;
    const LocalDate first = LocalDate{date::year{year} / 1 / 1};
    const LocalDate last = LocalDate{date::year{year} / 12 / 31};
    for (LocalDate d = first; d <= last; d += date::days{1}) {
      const bool listed_day = std::any_of(holidays.begin(), holidays.end(),
                                          [&](const Holiday& h) { return h.date == d; });
      EXPECT_EQ(is_public_holiday(d), listed_day) << format_date(d);
      found += is_public_holiday(d) ? 1 : 0;
    }
    EXPECT_EQ(found, 11) << year;
  }
}

TEST(Calendar, HolidaysOfOtherStatesAreWorkingDays) {
  EXPECT_FALSE(is_public_holiday(day("2027-01-06")));  // Heilige Drei Koenige (BW, BY, ST)
  EXPECT_FALSE(is_public_holiday(day("2027-10-31")));  // Reformationstag (not in RLP)
  EXPECT_FALSE(is_public_holiday(day("2027-11-17")));  // Buss- und Bettag (SN)
  EXPECT_FALSE(is_public_holiday(day("2027-03-28")));  // Easter Sunday is a Sunday, not listed
}

TEST(Calendar, OpenOnAnOrdinaryWeekdayWithOpeningHours) {
  EXPECT_FALSE(is_closed(weekday_office(), day("2027-03-15")));  // Monday
}

TEST(Calendar, ClosedOnWeekendsWithoutOpeningHours) {
  EXPECT_TRUE(is_closed(weekday_office(), day("2027-03-13")));  // Saturday
  EXPECT_TRUE(is_closed(weekday_office(), day("2027-03-14")));  // Sunday
}

TEST(Calendar, ClosedOnEasterMondayAndCorpusChristi) {
  EXPECT_TRUE(is_closed(weekday_office(), day("2027-03-29")));
  EXPECT_TRUE(is_closed(weekday_office(), day("2027-05-27")));
}

TEST(Calendar, ClosedOnALocalClosureButOpenTheDayAfter) {
  Location l = weekday_office();
  l.closures = {day("2027-02-08")};  // Rosenmontag: closed in Mainz, not a public holiday
  EXPECT_TRUE(is_closed(l, day("2027-02-08")));
  EXPECT_FALSE(is_closed(l, day("2027-02-09")));
  EXPECT_FALSE(is_closed(weekday_office(), day("2027-02-08")));
}

TEST(Calendar, SaturdayOpeningHoursOpenTheLocationOnSaturday) {
  Location l = weekday_office();
  l.opening_hours[5] = {{hm(9), hm(12)}};
  EXPECT_FALSE(is_closed(l, day("2027-03-13")));
  EXPECT_TRUE(is_closed(l, day("2027-03-14")));
}

}  // namespace
}  // namespace amt
