// Language choice and layout rendering for the staff pages.
#include "web/staff/staff_page.hpp"

#include "embedded.hpp"
#include "http/cookies.hpp"
#include "http/security_headers.hpp"
#include "web/url.hpp"

namespace amt::web::staff {

namespace {

bool is_staff_language(std::string_view lang) { return lang == "de" || lang == "en"; }

std::string choose_language(const http::Request& request, bool& remember) {
  const std::string from_query = request.query_param("lang").value_or("");
  const auto from_cookie = http::cookie(request, StaffPage::language_cookie);
  if (is_staff_language(from_query)) {
    remember = from_cookie != from_query;
    return from_query;
  }
  if (from_cookie && is_staff_language(*from_cookie)) return *from_cookie;
  return app::language_from_accept(request.header("accept-language")) == "en" ? "en" : "de";
}

}  // namespace

std::map<std::string, std::string_view> builtin_template_sources() {
  static constexpr std::string_view prefix = "staff_templates/";
  static constexpr std::string_view suffix = ".mustache";
  std::map<std::string, std::string_view> sources;
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with(prefix) || !file.name.ends_with(suffix)) continue;
    sources.emplace(std::string(file.name.substr(prefix.size(), file.name.size() - prefix.size() - suffix.size())),
                    file.data);
  }
  return sources;
}

const app::Translations& builtin_translations() {
  static const app::Translations translations = [] {
    std::map<std::string, std::string_view> catalogs;
    for (const auto& file : embedded::files()) {
      if (!file.name.starts_with("staff_locale/") || !file.name.ends_with(".mo")) continue;
      catalogs.emplace(std::string(file.name.substr(13, file.name.size() - 13 - 3)), file.data);
    }
    return app::Translations(catalogs);
  }();
  return translations;
}

StaffPage::StaffPage(const StaffSite& site, const http::Request& request, const StaffAccount* account)
    : site_(site), request_(request), account_(account), csrf_(site.csrf.binding(request)) {
  lang_ = choose_language(request, remember_lang_);
}

http::Response StaffPage::render(int status, std::string_view name, std::string_view title, Data data) const {
  data.set("csrf", csrf_.token);
  data.set("lang", lang_);
  Data layout;
  layout.set("lang", lang_);
  layout.set("title", std::string(title));
  layout.set("content", site_.templates.render(name, lang_, data));
  layout.set("csrf", csrf_.token);
  layout.set("css_kern", site_.static_files.url("kern.min.css"));
  layout.set("css_app", site_.static_files.url("app.css"));
  layout.set("js_staff", site_.static_files.url("staff.js"));  // console shortcuts; pages work without it
  layout.set("switch_lang", lang_ == "de" ? "en" : "de");
  layout.set("switch_name", std::string(app::native_language_name(lang_ == "de" ? "en" : "de")));
  layout.set("switch_href", with_param(request_.path, request_.query, "lang", lang_ == "de" ? "en" : "de"));
  if (account_) {
    layout.set("signed_in", true);
    layout.set("account_name", account_->display_name);
    layout.set("account_login", account_->login);
  }
  http::Response response = http::Response::text(status, site_.templates.render("layout", lang_, layout),
                                                 "text/html; charset=utf-8");
  finish(response);
  return response;
}

http::Response StaffPage::redirect(const std::string& location) const {
  http::Response response;
  response.status = 303;
  response.set("Location", location);
  finish(response);
  return response;
}

http::Response StaffPage::message(int status, std::string_view title_msgid, std::string_view text_msgid) const {
  Data data;
  data.set("heading", site_.translations.translate("de", title_msgid));
  data.set("text", site_.translations.translate("de", text_msgid));
  data.set("heading_en", std::string(title_msgid));
  data.set("text_en", std::string(text_msgid));
  return render(status, "message", t(title_msgid), std::move(data));
}

void StaffPage::finish(http::Response& response) const {
  http::add_security_headers(response);  // includes Cache-Control: no-store
  response.set("Content-Language", lang_);
  response.set("Vary", "Cookie, Accept-Language");
  site_.csrf.attach(response, csrf_);
  if (remember_lang_)
    http::set_cookie(response, language_cookie, lang_, {60 * 60 * 24 * 365, true, false, "/staff", "Strict"});
}

}  // namespace amt::web::staff
