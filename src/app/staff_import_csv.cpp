// The CSV reader and the working-day cell format of the staff import.
#include <cctype>

#include "app/staff_import.hpp"

namespace amt::app {
namespace {

char delimiter_of(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  return first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos ? ';' : ',';
}

bool blank(const CsvRecord& r) { return r.cells.size() == 1 && r.cells[0].find_first_not_of(" \t") == std::string::npos; }

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::optional<TimeRange> time_range(std::string_view w) {
  const auto dash = w.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto from = parse_time(w.substr(0, dash));
  const auto to = parse_time(w.substr(dash + 1));
  if (!from || !to) return std::nullopt;
  return TimeRange{*from, *to};
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char delimiter = delimiter_of(text);
  std::vector<CsvRecord> out;
  CsvRecord record{1, {""}};
  int line = 1;
  bool quoted = false;
  auto finish = [&] {
    if (!blank(record)) out.push_back(std::move(record));
    record = {line, {""}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') record.cells.back() += text[++i];
      else if (c == '"') quoted = false;
      else record.cells.back() += c;
      if (c == '\n') ++line;
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      record.cells.emplace_back();
    } else if (c == '\n') {
      ++line;
      finish();
    } else if (c != '\r') {
      record.cells.back() += c;
    }
  }
  finish();
  return out;
}

bool parse_work_day(std::string_view cell, WorkDay& out) {
  out = {};
  bool breaks = false;
  for (const std::string& w : words(cell)) {
    std::string lower;
    for (char c : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "pause" || lower == "break") {
      if (breaks) return false;
      breaks = true;
      continue;
    }
    const auto r = time_range(w);
    if (!r) return false;
    (breaks ? out.breaks : out.shifts).push_back(*r);
  }
  return !(breaks && out.breaks.empty());
}

}  // namespace amt::app
