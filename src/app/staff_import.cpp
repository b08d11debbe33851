// The staff import: header and rows into Staff records, checked as they would stand together in
// the catalog, then written as one audited change (or only reported, in a dry run).
#include "app/staff_import.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "app/administration_validation.hpp"

namespace amt::app {
namespace {

constexpr int max_rows = 5000;
const std::vector<std::string> required_columns = {"id", "location", "name", "skills", "mon", "tue",
                                                   "wed", "thu", "fri", "sat", "sun"};
const std::vector<std::string> optional_columns = {"team", "room", "deputies"};

struct Row {
  int line;
  Staff staff;
};

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

std::vector<std::string> list(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const auto bar = std::min(cell.find('|', start), cell.size());
    if (std::string item = trimmed(cell.substr(start, bar - start)); !item.empty()) out.push_back(item);
    start = bar + 1;
  }
  return out;
}

using Columns = std::map<std::string, std::size_t>;

std::vector<ImportProblem> read_header(const CsvRecord& header, Columns& columns) {
  std::vector<ImportProblem> out;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = trimmed(header.cells[i]);
    const bool known = std::count(required_columns.begin(), required_columns.end(), name) +
                       std::count(optional_columns.begin(), optional_columns.end(), name);
    if (!known) out.push_back({header.line, name, "header", "Unknown column '" + name + "'."});
    else if (!columns.emplace(name, i).second) out.push_back({header.line, name, "header", "Column named twice."});
  }
  for (const std::string& name : required_columns)
    if (!columns.contains(name)) out.push_back({header.line, name, "header", "Required column is missing."});
  return out;
}

Row read_row(const CsvRecord& r, const Columns& columns, std::vector<ImportProblem>& problems) {
  auto cell = [&](const std::string& name) {
    auto it = columns.find(name);
    return it == columns.end() ? std::string() : trimmed(r.cells[it->second]);
  };
  Row row{r.line, {}};
  Staff& s = row.staff;
  s.id = cell("id");
  s.location_id = cell("location");
  s.name = cell("name");
  s.team = cell("team");
  s.room = cell("room");
  s.skills = list(cell("skills"));
  std::sort(s.skills.begin(), s.skills.end());
  s.skills.erase(std::unique(s.skills.begin(), s.skills.end()), s.skills.end());
  s.deputies = list(cell("deputies"));
  for (int d = 0; d < 7; ++d) {
    const std::string key(admin::weekday_key(d));
    if (!parse_work_day(cell(key), s.plan[static_cast<std::size_t>(d)]))
      problems.push_back({r.line, key, "invalid_time", "Write working times like 07:30-16:00 Pause 12:00-12:30."});
  }
  return row;
}

// Every row as it would stand in the catalog with all rows merged in: field errors per line.
void check_rows(const Catalog& merged, const std::vector<Row>& rows, std::vector<ImportProblem>& problems) {
  for (const Row& row : rows)
    for (const FieldError& e : admin::check_staff(merged, row.staff)) {
      const std::string field = e.field.starts_with("plan.") ? e.field.substr(5) : e.field;
      problems.push_back({row.line, field, e.code, e.message});
    }
}

// Rows into the catalog: a known id is replaced (it must stay at its location), a new one added.
void merge(Catalog& c, const std::vector<Row>& rows, std::vector<ImportProblem>& problems, StaffImportReport& report) {
  for (const Row& row : rows) {
    auto it = std::find_if(c.staff.begin(), c.staff.end(), [&](const Staff& s) { return s.id == row.staff.id; });
    if (it == c.staff.end()) {
      c.staff.push_back(row.staff);
      ++report.added;
    } else if (it->location_id != row.staff.location_id) {
      problems.push_back({row.line, "location", "invalid", "This person belongs to location '" + it->location_id + "'."});
    } else {
      *it = row.staff;
      ++report.changed;
    }
  }
}

}  // namespace

Result<StaffImportReport> import_staff(Administration& admin, const AdminActor& by, std::string_view csv, bool dry_run,
                                       bool reassign) {
  StaffImportReport report;
  const std::vector<CsvRecord> records = parse_csv(csv);
  if (records.empty()) {
    report.problems.push_back({0, "", "header", "The file is empty."});
    return report;
  }
  Columns columns;
  report.problems = read_header(records[0], columns);
  if (!report.problems.empty()) return report;
  if (records.size() == 1) {
    report.problems.push_back({0, "", "required", "The file has no rows below its header."});
    return report;
  }
  if (records.size() - 1 > max_rows) {
    report.problems.push_back({0, "", "too_long", "At most " + std::to_string(max_rows) + " rows per file."});
    return report;
  }
  std::vector<Row> rows;
  std::set<Id> ids;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    if (r.cells.size() != records[0].cells.size()) {
      report.problems.push_back({r.line, "", "columns", "The row has " + std::to_string(r.cells.size()) +
                                                            " cells; the header has " + std::to_string(records[0].cells.size()) + "."});
      continue;
    }
    Row row = read_row(r, columns, report.problems);
    if (!row.staff.id.empty() && !ids.insert(row.staff.id).second)
      report.problems.push_back({r.line, "id", "duplicate_row", "This id appears on an earlier row."});
    else rows.push_back(std::move(row));
  }
  report.rows = static_cast<int>(records.size()) - 1;
  const std::vector<ImportProblem> syntax = report.problems;
  // The catalog checks run inside the change (on the committed catalog); a retried write redoes them.
  auto apply = [&](Catalog& c) -> std::vector<FieldError> {
    report.problems = syntax;
    report.added = report.changed = 0;
    merge(c, rows, report.problems, report);
    check_rows(c, rows, report.problems);
    if (report.problems.empty()) return {};
    return {FieldError{"rows", "invalid", "Some rows are refused."}};
  };
  auto changed = admin.change(by, {"catalog.staff.import", "staff", "csv", std::to_string(rows.size()) + " rows", apply},
                              reassign, dry_run);
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  if (changed) report.change = std::move(*changed);
  else if (changed.error().kind != ErrorKind::validation) return tl::unexpected(changed.error());
  return report;
}

}  // namespace amt::app
