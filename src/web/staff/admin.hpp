// Pieces the administration pages (Verwaltung, issue #4 item 4) share: who acts, field errors in
// the reader's language, the appointments a change affects, and re-posting a form to confirm it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/administration.hpp"
#include "http/form.hpp"
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff::admin {

app::AdminActor actor(const StaffRequest& r);

// Field errors as {field, message} items ("errors", "has_errors") plus "<field>_error" per field;
// dots in field names become '_' ("plan.mon" -> "plan_mon_error").
void add_field_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors);

// The affected appointments as a table: code, day, time, service, reason, and after a confirmed
// change where each went ("kept" with the new holder, or cancelled with the citizen told).
List affected_list(const StaffPage& page, const app::CatalogSnapshot& snapshot, const app::ChangeReport& report);

// The page an admin sees when a change would affect booked appointments: the list, and a button
// that posts the same form again with reassign=1; or, after that, what happened to each.
http::Response confirm_page(const StaffRequest& r, const app::CatalogSnapshot& snapshot,
                            const app::ChangeReport& report, const std::string& back);

// The answer to a change: field errors re-render the form (`form`, with status 422), an unknown
// record is 404, an unconfirmed change with affected appointments asks, anything else goes `done`.
using FormRenderer = std::function<http::Response(int status, Data errors)>;
http::Response answer(const StaffRequest& r, app::CatalogHolder& catalogs, const app::Result<app::ChangeReport>& result,
                      const FormRenderer& form, const std::string& done);

// Form fields: a whole number (-1 when it is not one, which every range check refuses), lines.
int number_field(const http::Fields& fields, std::string_view name);
std::vector<std::string> lines_field(const http::Fields& fields, std::string_view name);
bool has_value(const http::Fields& fields, std::string_view name, std::string_view value);

// "07:30-12:00 13:00-16:00", the way the forms and the CSV import write working and opening times.
std::string ranges_text(const std::vector<TimeRange>& ranges);

// The English name of weekday d (0 = Monday), the msgid its translation is looked up by.
const char* weekday_msgid(int d);

}  // namespace amt::web::staff::admin
