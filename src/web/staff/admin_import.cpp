// /staff/admin/import: staff and working plans from a CSV file (docs/administration.md has the
// columns). Uploading runs a dry run and shows its report as a table; only a clean report offers
// the button that applies it, re-sending the same file's text (issue #4 item 4).
#include "app/administration_messages.hpp"
#include "app/staff_import.hpp"
#include "web/staff/admin.hpp"

namespace amt::web::staff::admin {

namespace {

constexpr std::string_view path = "/staff/admin/import";

List problem_list(const StaffPage& page, const std::vector<app::ImportProblem>& problems) {
  List list;
  for (const app::ImportProblem& p : problems) {
    Data item;
    item.set("line", p.line > 0 ? std::to_string(p.line) : std::string("–"));
    item.set("field", p.field);
    item.set("message", page.lang() == "en" ? p.message
                                             : app::admin::field_message(page.lang(), {p.field, p.code, p.message}));
    item.set("detail", p.message);
    list.push_back(item);
  }
  return list;
}

http::Response upload_page(const StaffRequest& r, int status, Data data = Data{}) {
  return r.page.render(status, "admin_import", r.page.t("Import staff"), std::move(data));
}

http::Response post_import(StaffContext& c, const StaffRequest& r) {
  const std::string csv = http::field(r.form, "csv");
  if (csv.empty()) {
    Data data;
    data.set("csv_error", r.page.t("Choose a CSV file."));
    return upload_page(r, 422, std::move(data));
  }
  const bool apply = http::field(r.form, "apply") == "1";
  const bool reassign = http::field(r.form, "reassign") == "1";
  const auto report = app::import_staff(*c.administration, actor(r), csv, !apply, reassign);
  if (!report) {
    Data data;
    data.set("csv_error", r.page.t("The file could not be read as CSV."));
    return upload_page(r, 422, std::move(data));
  }
  const auto snapshot = c.catalogs->current();
  Data data;
  data.set("report", true);
  data.set("applied", report->change.applied);
  data.set("rows", std::to_string(report->rows));
  data.set("added", std::to_string(report->added));
  data.set("changed", std::to_string(report->changed));
  data.set("problems", problem_list(r.page, report->problems));
  data.set("has_problems", !report->problems.empty());
  data.set("affected", affected_list(r.page, *snapshot, report->change));
  data.set("has_affected", !report->change.affected.empty());
  data.set("can_apply", !report->change.applied && report->problems.empty());
  data.set("csv", csv);
  const int status = report->problems.empty() ? 200 : 422;
  return upload_page(r, status, std::move(data));
}

}  // namespace

void add_import_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get(std::string(path), Permission::administer, [](const StaffRequest& r) { return upload_page(r, 200); });
  routes.post(std::string(path), Permission::administer, [&c](const StaffRequest& r) { return post_import(c, r); });
  routes.link({std::string(path), "Import staff", "Staff and working plans from a CSV file: check first, then apply.",
               Permission::administer});
}

}  // namespace amt::web::staff::admin
