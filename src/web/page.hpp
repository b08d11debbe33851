// What every HTML page shares: the language (?lang=, cookie, Accept-Language), the language switch
// that keeps the user's place and input, the CSRF token, the layout and the security headers.
#pragma once

#include <string>
#include <string_view>

#include "app/i18n.hpp"
#include "app/news.hpp"
#include "http/csrf.hpp"
#include "http/message.hpp"
#include "http/static_files.hpp"
#include "web/templates.hpp"

namespace amt::web {

struct Site {
  const app::Translations& translations;
  const Templates& templates;
  const http::Csrf& csrf;
  const http::StaticFiles& static_files;
  app::NewsBoard* news = nullptr;  // pinned news shows as a banner on every page (issue #8)
};

class Page {
 public:
  static constexpr std::string_view language_cookie = "amt_lang";

  // form: the decoded POST body, if any; a "lang" field there is a language switch.
  Page(const Site& site, const http::Request& request, const http::Fields* form = nullptr);

  const std::string& lang() const { return lang_; }
  std::string t(std::string_view msgid) const { return site_.translations.translate(lang_, msgid); }
  // A text of the office's catalog (written in German) in the page's language.
  std::string data_text(std::string_view german) const {
    return site_.translations.translate_catalog(lang_, german);
  }
  const app::Translations& translations() const { return site_.translations; }
  // True when a POST carries a valid CSRF token for this browser.
  bool csrf_ok() const;
  // A language switch posted with a form: re-show the page with the input, change nothing.
  bool is_language_switch() const { return switched_by_form_; }

  // Renders template name into the layout. form_action: when the page has a main form (id
  // "main-form"), the language buttons submit it there so typed input survives the switch.
  http::Response render(int status, std::string_view name, std::string_view title, Data data,
                        std::string_view form_action = {}) const;
  http::Response redirect(const std::string& location) const;  // 303 See Other
  http::Response message(int status, std::string_view title_msgid, std::string_view text_msgid) const;

 private:
  Data languages(std::string_view form_action) const;
  void add_banner(Data& layout) const;
  void finish(http::Response& response) const;

  const Site& site_;
  const http::Request& request_;
  const http::Fields* form_;
  http::Csrf::Binding csrf_;
  std::string lang_;
  bool remember_lang_ = false;
  bool switched_by_form_ = false;
};

}  // namespace amt::web
