// The staff import's report as text, for operators at the command line.
#include "app/staff_import.hpp"

namespace amt::app {
namespace {

std::string appointment_line(const AffectedAppointment& x) {
  const Appointment& a = x.appointment;
  std::string s = "  " + a.code + "  " + format_rfc3339_utc(a.start) + "  " + a.service_id + "  held by " +
                  (a.staff_id.empty() ? "nobody" : a.staff_id) + "  (" + x.reason + ")";
  if (!x.new_staff.empty()) return s + " -> " + x.new_staff + "\n";
  return s + " -> cannot be kept" + (x.citizen_told ? ", cancelled, citizen told by e-mail" : "") + "\n";
}

}  // namespace

std::string describe(const StaffImportReport& report, bool dry_run) {
  std::string out;
  for (const ImportProblem& p : report.problems) {
    out += p.line > 0 ? "line " + std::to_string(p.line) : std::string("file");
    if (!p.field.empty()) out += ", " + p.field;
    out += ": " + p.message + " [" + p.code + "]\n";
  }
  out += std::to_string(report.rows) + " rows, " + std::to_string(report.problems.size()) + " problems; " +
         std::to_string(report.added) + " new, " + std::to_string(report.changed) + " changed.\n";
  if (!report.change.affected.empty()) {
    out += std::to_string(report.change.affected.size()) + " future appointments affected:\n";
    for (const AffectedAppointment& x : report.change.affected) out += appointment_line(x);
  }
  if (report.change.applied) return out + "Written.\n";
  if (!report.problems.empty()) return out + "Nothing written: fix the rows above (the import is all or nothing).\n";
  if (dry_run) return out + "Dry run: nothing written.\n";
  return out + "Nothing written: run again with --reassign to move or cancel the appointments above.\n";
}

int exit_status(const StaffImportReport& report) {
  if (!report.problems.empty()) return 1;
  if (!report.change.applied && !report.change.affected.empty()) return 2;
  return 0;
}

}  // namespace amt::app
