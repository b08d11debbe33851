// RFC 5545 calendar text. Europe/Berlin times carry TZID with the zone's rules spelled out in a
// VTIMEZONE (since 1996 the EU rule: last Sunday of March 02:00 -> 03:00, last Sunday of October
// 03:00 -> 02:00), so calendar apps show the right wall-clock time even without their own tz data.
#include "core/ics.hpp"

#include <vector>

namespace amt {
namespace {

constexpr std::string_view berlin = "Europe/Berlin";
constexpr std::string_view berlin_vtimezone[] = {
    "BEGIN:VTIMEZONE",        "TZID:Europe/Berlin",     "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",     "TZOFFSETTO:+0200",       "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD",         "TZOFFSETFROM:+0200",     "TZOFFSETTO:+0100",
    "TZNAME:CET",             "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",           "END:VTIMEZONE"};

std::string utc_stamp(Instant t) { return date::format("%Y%m%dT%H%M%SZ", t); }

// DTSTART/DTEND property: local time with TZID for Berlin, otherwise a UTC time.
std::string time_property(std::string_view name, Instant t, const std::string& zone_name) {
  if (zone_name != berlin) return std::string(name) + ":" + utc_stamp(t);
  const LocalDateTime local = to_local(zone(berlin), t);
  return std::string(name) + ";TZID=Europe/Berlin:" + date::format("%Y%m%dT%H%M%S", local);
}

bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      out += "\\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one line break
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  // 75 octets per physical line; a continuation line starts with a space that counts towards it.
  constexpr std::size_t limit = 75;
  std::string out;
  std::size_t pos = 0;
  std::size_t room = limit;
  while (line.size() - pos > room) {
    std::size_t cut = pos + room;
    while (cut > pos && is_continuation_byte(static_cast<unsigned char>(line[cut]))) --cut;
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    room = limit - 1;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string calendar_text(const CalendarEvent& e) {
  std::vector<std::string> lines = {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//amtstermin//amtstermin//DE",
                                    "CALSCALE:GREGORIAN",
                                    e.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH"};
  if (e.time_zone == berlin) lines.insert(lines.end(), std::begin(berlin_vtimezone), std::end(berlin_vtimezone));
  lines.insert(lines.end(), {"BEGIN:VEVENT", "UID:" + ics_escape(e.uid), "SEQUENCE:" + std::to_string(e.sequence),
                             "DTSTAMP:" + utc_stamp(e.stamp), time_property("DTSTART", e.start, e.time_zone),
                             time_property("DTEND", e.end, e.time_zone), "SUMMARY:" + ics_escape(e.summary)});
  if (!e.location.empty()) lines.push_back("LOCATION:" + ics_escape(e.location));
  if (!e.description.empty()) lines.push_back("DESCRIPTION:" + ics_escape(e.description));
  lines.push_back(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  lines.push_back("TRANSP:OPAQUE");
  lines.push_back("END:VEVENT");
  lines.push_back("END:VCALENDAR");

  std::string out;
  for (const auto& line : lines) out += ics_fold(line);
  return out;
}

}  // namespace amt
