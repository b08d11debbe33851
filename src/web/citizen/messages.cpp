// The one place where the app's error codes become words a citizen reads, in their language.
#include "web/citizen/common.hpp"

namespace amt::web::citizen {

std::string form_field(std::string_view app_field) {
  if (app_field.starts_with("contact.")) return std::string(app_field.substr(8));
  if (app_field == "contact") return "email";  // "e-mail or mobile": shown at the first of the two
  return std::string(app_field);
}

std::string with_number(std::string text, std::int64_t n) {
  if (const auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

bool is_time_problem(const app::Error& error) {
  if (error.kind == app::ErrorKind::slot_taken) return true;
  if (error.kind != app::ErrorKind::validation) return false;
  for (const auto& f : error.fields)
    if (f.field == "start") return true;
  return false;
}

std::string field_message(const Page& page, const app::FieldError& e) {
  const std::string field = form_field(e.field);
  if (e.code == "too_long") return page.t("This text is too long. Please shorten it.");
  if (e.field == "contact") return page.t("Enter an e-mail address or a mobile number.");
  if (field == "name")
    return e.code == "required" ? page.t("Enter your name.")
                                : page.t("Your name contains characters that are not allowed.");
  if (field == "email") return page.t("Enter an e-mail address like name@example.org.");
  if (field == "phone") return page.t("Enter a mobile number with 6 to 20 digits, like 0151 23456789.");
  if (field == "customer_number") return page.t("A customer number has 3 to 20 letters and digits.");
  if (field == "note") return page.t("The description contains characters that are not allowed.");
  if (field == "start") return page.t("This time can no longer be booked. Please choose another time.");
  if (field == "weekdays") return page.t("Choose at least one day.");  // the waitlist's form
  if (field == "from") return page.t("Enter a time like 08:00.");
  if (field == "to")
    return e.code == "before_from" ? page.t("The latest end must be after the earliest start.")
                                   : page.t("Enter a time like 12:00.");
  return page.t("Please check this entry.");
}

}  // namespace amt::web::citizen
