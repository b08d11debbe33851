// CSV import of staff and their working plans (docs/administration.md has the column format):
// a dry run reports every row it would reject and why; applying is all or nothing, one change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/administration.hpp"

namespace amt::app {

struct ImportProblem {
  int line = 0;       // where the row starts in the file (the header is line 1); 0: the whole file
  std::string field;  // the column, "" when about the row or the file
  std::string code;   // as FieldError::code, plus "columns", "header", "duplicate_row"
  std::string message;
};

// One CSV record with the line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};

// RFC 4180 records (quoted cells may hold the delimiter, quotes as "" and line breaks). The
// delimiter is ';' when the first line has one and no ',' (as German spreadsheets write), else
// ','. A UTF-8 byte order mark is skipped; empty lines are not records.
std::vector<CsvRecord> parse_csv(std::string_view text);

// "07:30-16:00 Pause 12:00-12:30": shifts, then after "Pause" (or "break") the breaks.
// Empty: not working that day. False when the cell is not in that form.
bool parse_work_day(std::string_view cell, WorkDay& out);

struct StaffImportReport {
  std::vector<ImportProblem> problems;  // every reason a row is refused, by line
  int rows = 0;
  int added = 0;    // new ids
  int changed = 0;  // ids that exist: their record is replaced by the row
  ChangeReport change;  // appointments the import would orphan; applied when it was written
};

// dry_run: check everything, write nothing. Otherwise the rows are written together only when no
// row has a problem and no appointment is orphaned (or reassign confirms moving them).
Result<StaffImportReport> import_staff(Administration& admin, const AdminActor& by, std::string_view csv,
                                       bool dry_run, bool reassign);

// The report as plain text for the command line (amtstermin import-staff): every problem as
// "line N, field: reason", the counts, and the affected appointments with what became of them.
std::string describe(const StaffImportReport& report, bool dry_run);
// 0: written, or a dry run without problems; 1: rows refused; 2: appointments would be orphaned.
int exit_status(const StaffImportReport& report);

}  // namespace amt::app
