// Which days a location is open: public holidays of Rhineland-Palatinate (Easter-based ones
// computed), local closures, and the weekly opening hours.
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"

namespace amt {

LocalDate easter_sunday(int year);  // Gregorian computus

struct Holiday {
  LocalDate date;
  std::string name;  // German name, as printed in the office's calendar
};
// Neujahr, Karfreitag, Ostermontag, Tag der Arbeit, Christi Himmelfahrt, Pfingstmontag,
// Fronleichnam, Tag der Deutschen Einheit, Allerheiligen, 1. und 2. Weihnachtstag.
std::vector<Holiday> rhineland_palatinate_holidays(int year);
bool is_public_holiday(LocalDate d);  // in Rhineland-Palatinate

// Closed: a public holiday, a local closure, or a weekday without opening hours.
bool is_closed(const Location& location, LocalDate d);

}  // namespace amt
