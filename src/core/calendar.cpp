// Public holidays of Rhineland-Palatinate from one table (fixed dates and offsets from Easter
// Sunday), and whether a location is closed on a given day.
#include "core/calendar.hpp"

#include <algorithm>
#include <array>

namespace amt {

namespace {

// One table serves both the printed list and the per-day check, so they cannot disagree.
// easter_offset is used when month == 0; otherwise the holiday falls on month/day every year.
struct HolidayRule {
  unsigned month;
  unsigned day;
  int easter_offset;
  const char* name;
};

constexpr std::array<HolidayRule, 11> rhineland_palatinate_rules{{
    {1, 1, 0, "Neujahr"},
    {0, 0, -2, "Karfreitag"},
    {0, 0, 1, "Ostermontag"},
    {5, 1, 0, "Tag der Arbeit"},
    {0, 0, 39, "Christi Himmelfahrt"},
    {0, 0, 50, "Pfingstmontag"},
    {0, 0, 60, "Fronleichnam"},
    {10, 3, 0, "Tag der Deutschen Einheit"},
    {11, 1, 0, "Allerheiligen"},
    {12, 25, 0, "1. Weihnachtstag"},
    {12, 26, 0, "2. Weihnachtstag"},
}};

LocalDate date_of(const HolidayRule& rule, int year, LocalDate easter) {
  if (rule.month == 0) return easter + date::days{rule.easter_offset};
  return LocalDate{date::year{year} / date::month{rule.month} / date::day{rule.day}};
}

}  // namespace

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher); valid for every Gregorian year.
LocalDate easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return LocalDate{date::year{year} / date::month{static_cast<unsigned>(month)} /
                   date::day{static_cast<unsigned>(day)}};
}

std::vector<Holiday> rhineland_palatinate_holidays(int year) {
  const LocalDate easter = easter_sunday(year);
  std::vector<Holiday> holidays;
  holidays.reserve(rhineland_palatinate_rules.size());
  for (const HolidayRule& rule : rhineland_palatinate_rules)
    holidays.push_back({date_of(rule, year, easter), rule.name});
  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return holidays;
}

// Called for every day of an availability query: a few integer operations, no allocation.
bool is_public_holiday(LocalDate d) {
  const date::year_month_day ymd{d};
  const int year = static_cast<int>(ymd.year());
  const LocalDate easter = easter_sunday(year);
  return std::any_of(rhineland_palatinate_rules.begin(), rhineland_palatinate_rules.end(),
                     [&](const HolidayRule& rule) { return date_of(rule, year, easter) == d; });
}

bool is_closed(const Location& location, LocalDate d) {
  if (location.opening_hours[static_cast<size_t>(weekday_index(d))].empty()) return true;
  if (is_public_holiday(d)) return true;
  return std::find(location.closures.begin(), location.closures.end(), d) != location.closures.end();
}

}  // namespace amt
