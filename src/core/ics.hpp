// iCalendar (RFC 5545) text for one appointment: what the confirmation page offers as a download
// and the confirmation mail attaches. Pure text building; the caller supplies every value.
#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"

namespace amt {

struct CalendarEvent {
  std::string uid;           // stable across changes of the same booking, e.g. "K7M4QX@example.org"
  int sequence = 0;          // grows with every change, so calendars replace the older version
  bool cancelled = false;    // METHOD:CANCEL and STATUS:CANCELLED instead of a published event
  Instant stamp;             // DTSTAMP: when this version was made
  Instant start;
  Instant end;
  std::string time_zone;     // "Europe/Berlin" gets a VTIMEZONE; any other zone is written in UTC
  std::string summary;
  std::string location;
  std::string description;   // may hold newlines
};

// The whole VCALENDAR with CRLF line ends, lines folded at 75 octets on UTF-8 boundaries.
std::string calendar_text(const CalendarEvent& event);

// Helpers, exposed for tests: TEXT value escaping (\\ ; , and newlines) and content-line folding.
std::string ics_escape(std::string_view text);
std::string ics_fold(std::string_view line);  // one content line without CRLF -> folded, with CRLF

}  // namespace amt
