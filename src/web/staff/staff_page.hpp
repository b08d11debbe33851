// What every staff page shares: German or English (English is the second language staff pages
// offer), the staff layout with the signed-in account and its sign-out button, the CSRF token,
// the security headers and no caching (staff pages show personal data).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "app/i18n.hpp"
#include "core/staff_account.hpp"
#include "http/csrf.hpp"
#include "http/message.hpp"
#include "http/static_files.hpp"
#include "web/templates.hpp"

namespace amt::web::staff {

struct StaffSite {
  const app::Translations& translations;  // the staff catalog (builtin_translations())
  const Templates& templates;             // the staff templates (builtin_template_sources())
  const http::Csrf& csrf;
  const http::StaticFiles& static_files;
};

// web/templates/staff/*.mustache and web/locale/staff/*.po as compiled into the binary.
std::map<std::string, std::string_view> builtin_template_sources();
const app::Translations& builtin_translations();

class StaffPage {
 public:
  static constexpr std::string_view language_cookie = "amt_staff_lang";

  // account: the signed-in account shown in the header (null on the sign-in page).
  StaffPage(const StaffSite& site, const http::Request& request, const StaffAccount* account = nullptr);

  const std::string& lang() const { return lang_; }
  std::string t(std::string_view msgid) const { return site_.translations.translate(lang_, msgid); }
  const std::string& csrf_token() const { return csrf_.token; }
  const StaffAccount* account() const { return account_; }

  http::Response render(int status, std::string_view name, std::string_view title, Data data) const;
  http::Response redirect(const std::string& location) const;  // 303 See Other
  // A plain page in German with the English text below it (msgids are the English texts).
  http::Response message(int status, std::string_view title_msgid, std::string_view text_msgid) const;

 private:
  void finish(http::Response& response) const;

  const StaffSite& site_;
  const http::Request& request_;
  const StaffAccount* account_;
  http::Csrf::Binding csrf_;
  std::string lang_;
  bool remember_lang_ = false;
};

}  // namespace amt::web::staff
