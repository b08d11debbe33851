// Conversions between absolute and civil time through Howard Hinnant's tz (system tzdata).
#include "core/time.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace amt {

Zone zone(std::string_view name) { return date::locate_zone(name); }

LocalResolution resolve(Zone z, LocalDateTime local) {
  const date::local_info info = z->get_info(local);
  using Kind = LocalResolution::Kind;
  switch (info.result) {
    case date::local_info::unique: {
      Instant t{local.time_since_epoch() - info.first.offset};
      return {Kind::unique, t, t};
    }
    case date::local_info::nonexistent:
      return {Kind::skipped, info.second.begin, info.second.begin};
    default:  // ambiguous
      return {Kind::repeated, Instant{local.time_since_epoch() - info.first.offset},
              Instant{local.time_since_epoch() - info.second.offset}};
  }
}

LocalDateTime to_local(Zone z, Instant t) {
  return date::floor<std::chrono::seconds>(z->to_local(t));
}

LocalDate local_date(Zone z, Instant t) { return date::floor<date::days>(to_local(z, t)); }

LocalDateTime at(LocalDate d, LocalTime t) {
  return LocalDateTime{d.time_since_epoch()} + std::chrono::minutes{t.minutes};
}

int weekday_index(LocalDate d) {
  return static_cast<int>(date::weekday{d}.iso_encoding()) - 1;
}

std::string format_rfc3339(Instant t, Zone z) {
  const auto info = z->get_info(t);
  const auto local = t + info.offset;
  const auto off = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  const char sign = off < 0 ? '-' : '+';
  const long a = off < 0 ? -off : off;
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, "%c%02ld:%02ld", sign, a / 60, a % 60);
  return date::format("%Y-%m-%dT%H:%M:%S", date::sys_seconds{local.time_since_epoch()}) + suffix;
}

std::string format_rfc3339_utc(Instant t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

namespace {

// Reads exactly n digits at text[pos], advancing pos; -1 when they are not there.
int digits(std::string_view text, size_t& pos, size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<LocalDate> read_date(std::string_view text, size_t& pos) {
  const int y = digits(text, pos, 4);
  if (y < 0 || !expect(text, pos, '-')) return std::nullopt;
  const int m = digits(text, pos, 2);
  if (m < 0 || !expect(text, pos, '-')) return std::nullopt;
  const int d = digits(text, pos, 2);
  if (d < 0) return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1900 || y > 9999) return std::nullopt;
  return LocalDate{ymd};
}

}  // namespace

std::optional<LocalDate> parse_date(std::string_view text) {
  size_t pos = 0;
  auto d = read_date(text, pos);
  if (!d || pos != text.size()) return std::nullopt;
  return d;
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
  size_t pos = 0;
  const auto d = read_date(text, pos);
  if (!d) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  const int hh = digits(text, pos, 2);
  if (hh < 0 || !expect(text, pos, ':')) return std::nullopt;
  const int mm = digits(text, pos, 2);
  if (mm < 0 || !expect(text, pos, ':')) return std::nullopt;
  const int ss = digits(text, pos, 2);
  if (ss < 0 || hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int offset_minutes = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const int oh = digits(text, pos, 2);
    if (oh < 0 || !expect(text, pos, ':')) return std::nullopt;
    const int om = digits(text, pos, 2);
    if (om < 0 || oh > 23 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const auto local = date::sys_days{d->time_since_epoch()} + std::chrono::hours{hh} +
                     std::chrono::minutes{mm} + std::chrono::seconds{ss};
  return Instant{local - std::chrono::minutes{offset_minutes}};
}

std::string format_date(LocalDate d) { return date::format("%Y-%m-%d", d); }

std::string format_time(LocalTime t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.minutes / 60, t.minutes % 60);
  return buf;
}

std::optional<LocalTime> parse_time(std::string_view text) {
  size_t pos = 0;
  const int h = digits(text, pos, 2);
  if (h < 0 || !expect(text, pos, ':')) return std::nullopt;
  const int m = digits(text, pos, 2);
  if (m < 0 || pos != text.size() || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return LocalTime{h * 60 + m};
}

}  // namespace amt
