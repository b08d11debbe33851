// The calendar file a citizen imports: structure, escaping, folding of long multilingual text,
// and that the VTIMEZONE rules agree with the tz database on the DST dates.
#include "core/ics.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace amt {
namespace {

Instant utc(int y, int m, int d, int h, int min = 0) {
  return date::sys_days{date::year{y} / m / d} + std::chrono::hours{h} + std::chrono::minutes{min};
}

CalendarEvent sample() {
  CalendarEvent e;
  e.uid = "K7M4QX@termine.example.org";
  e.stamp = utc(2027, 3, 1, 9, 30);
  e.start = utc(2027, 3, 15, 7);  // 08:00 in Berlin (CET)
  e.end = utc(2027, 3, 15, 7, 45);
  e.time_zone = "Europe/Berlin";
  e.summary = "Termin im Jobcenter: Erstantrag";
  e.location = "Jobcenter Mainz, Große Bleiche 1, 55116 Mainz";
  e.description = "Buchungscode: K7M4QX\nBitte mitbringen: Personalausweis";
  return e;
}

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

// Undoes folding: a line starting with a space continues the previous one.
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : physical_lines(text)) {
    if (!line.empty() && line[0] == ' ' && !out.empty()) out.back() += line.substr(1);
    else out.push_back(line);
  }
  return out;
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

bool starts_inside_utf8_sequence(const std::string& line) {
  const std::size_t first = line.starts_with(" ") ? 1 : 0;
  return first < line.size() && (static_cast<unsigned char>(line[first]) & 0xC0) == 0x80;
}

TEST(Ics, CalendarHasPublishMethodTimezoneAndEventWithLocalBerlinTimes) {
  const auto lines = content_lines(calendar_text(sample()));
  ASSERT_GE(lines.size(), 10u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(has_line(lines, "VERSION:2.0"));
  EXPECT_TRUE(has_line(lines, "PRODID:-//amtstermin//amtstermin//DE"));
  EXPECT_TRUE(has_line(lines, "METHOD:PUBLISH"));
  EXPECT_TRUE(has_line(lines, "TZID:Europe/Berlin"));
  EXPECT_TRUE(has_line(lines, "UID:K7M4QX@termine.example.org"));
  EXPECT_TRUE(has_line(lines, "DTSTAMP:20270301T093000Z"));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Europe/Berlin:20270315T080000"));
  EXPECT_TRUE(has_line(lines, "DTEND;TZID=Europe/Berlin:20270315T084500"));
  EXPECT_TRUE(has_line(lines, "LOCATION:Jobcenter Mainz\\, Große Bleiche 1\\, 55116 Mainz"));
  EXPECT_TRUE(has_line(lines, "DESCRIPTION:Buchungscode: K7M4QX\\nBitte mitbringen: Personalausweis"));
  EXPECT_TRUE(has_line(lines, "STATUS:CONFIRMED"));
}

TEST(Ics, BeginAndEndAreBalancedAndTimezoneComesBeforeTheEvent) {
  const auto lines = content_lines(calendar_text(sample()));
  std::vector<std::string> open;
  std::size_t tz_at = 0, event_at = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].starts_with("BEGIN:")) open.push_back(lines[i].substr(6));
    if (lines[i] == "BEGIN:VTIMEZONE") tz_at = i;
    if (lines[i] == "BEGIN:VEVENT") event_at = i;
    if (lines[i].starts_with("END:")) {
      ASSERT_FALSE(open.empty()) << lines[i];
      EXPECT_EQ(open.back(), lines[i].substr(4));
      open.pop_back();
    }
  }
  EXPECT_TRUE(open.empty());
  EXPECT_LT(tz_at, event_at);
}

TEST(Ics, SummerAppointmentIsWrittenInCentralEuropeanSummerTime) {
  CalendarEvent e = sample();
  e.start = utc(2027, 7, 5, 6);  // 08:00 CEST
  e.end = utc(2027, 7, 5, 6, 30);
  const auto lines = content_lines(calendar_text(e));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Europe/Berlin:20270705T080000"));
  EXPECT_TRUE(has_line(lines, "DTEND;TZID=Europe/Berlin:20270705T083000"));
}

TEST(Ics, AppointmentOnTheDayClocksGoBackKeepsItsWallClockTime) {
  CalendarEvent e = sample();
  e.start = utc(2027, 10, 31, 8);  // 2027-10-31 is the last Sunday of October; 09:00 CET
  e.end = utc(2027, 10, 31, 9);
  const auto lines = content_lines(calendar_text(e));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Europe/Berlin:20271031T090000"));
}

// The VTIMEZONE says "last Sunday of March 02:00 -> 03:00, last Sunday of October 03:00 -> 02:00";
// the tz database must agree for years we will book in.
TEST(Ics, TimezoneRulesMatchTheTzDatabaseForTheComingYears) {
  const auto lines = content_lines(calendar_text(sample()));
  ASSERT_TRUE(has_line(lines, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
  ASSERT_TRUE(has_line(lines, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
  ASSERT_TRUE(has_line(lines, "DTSTART:19700329T020000"));
  ASSERT_TRUE(has_line(lines, "DTSTART:19701025T030000"));
  const Zone berlin = zone("Europe/Berlin");
  for (int y = 2025; y <= 2037; ++y) {  // the system tzdata lists transitions up to 2037
    const LocalDate march{date::year{y} / date::March / date::Sunday[date::last]};
    const LocalDate october{date::year{y} / date::October / date::Sunday[date::last]};
    EXPECT_EQ(resolve(berlin, at(march, hm(2))).kind, LocalResolution::Kind::skipped) << y;
    EXPECT_EQ(resolve(berlin, at(march, hm(1, 59))).kind, LocalResolution::Kind::unique) << y;
    EXPECT_EQ(resolve(berlin, at(october, hm(2))).kind, LocalResolution::Kind::repeated) << y;
    EXPECT_EQ(resolve(berlin, at(october, hm(3))).kind, LocalResolution::Kind::unique) << y;
  }
}

TEST(Ics, OtherZonesAreWrittenInUtcWithoutTimezoneBlock) {
  CalendarEvent e = sample();
  e.time_zone = "America/New_York";
  const auto lines = content_lines(calendar_text(e));
  EXPECT_FALSE(has_line(lines, "BEGIN:VTIMEZONE"));
  EXPECT_TRUE(has_line(lines, "DTSTART:20270315T070000Z"));
}

TEST(Ics, EscapesCommaSemicolonBackslashAndNewlines) {
  EXPECT_EQ(ics_escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
  EXPECT_EQ(ics_escape("plain: text"), "plain: text");
}

TEST(Ics, CancellationUsesCancelMethodAndStatus) {
  CalendarEvent e = sample();
  e.cancelled = true;
  e.sequence = 3;
  const auto lines = content_lines(calendar_text(e));
  EXPECT_TRUE(has_line(lines, "METHOD:CANCEL"));
  EXPECT_TRUE(has_line(lines, "STATUS:CANCELLED"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:3"));
}

TEST(Ics, LongGermanAndUkrainianTextIsFoldedAt75OctetsWithoutSplittingCharacters) {
  CalendarEvent e = sample();
  e.description =
      "Bitte mitbringen: Personalausweis oder Reisepass, Mietvertrag, Kontoauszüge der letzten drei Monate, "
      "Nachweise über Einkommen und Vermögen; Größe, Straße, Übergänge.\n"
      "Будь ласка, візьміть із собою: паспорт або посвідку на проживання, договір оренди житла, "
      "виписки з банківського рахунку за останні три місяці.";
  const std::string text = calendar_text(e);
  for (const auto& line : physical_lines(text)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_FALSE(starts_inside_utf8_sequence(line)) << line;
  }
  const auto lines = content_lines(text);
  EXPECT_TRUE(has_line(lines, "DESCRIPTION:" + ics_escape(e.description)));
}

TEST(Ics, FoldingKeepsShortLinesAndSplitsExactlyAfter75Octets) {
  EXPECT_EQ(ics_fold("SUMMARY:x"), "SUMMARY:x\r\n");
  const std::string exact(75, 'a');
  EXPECT_EQ(ics_fold(exact), exact + "\r\n");
  const std::string longer(76, 'a');
  EXPECT_EQ(ics_fold(longer), std::string(75, 'a') + "\r\n a\r\n");
  // A two-byte character that would straddle the limit moves whole to the next line.
  const std::string straddle = std::string(74, 'a') + "ü";
  EXPECT_EQ(ics_fold(straddle), std::string(74, 'a') + "\r\n ü\r\n");
}

}  // namespace
}  // namespace amt
