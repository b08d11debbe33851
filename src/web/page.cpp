// Language choice, layout rendering and the headers every page gets.
#include "web/page.hpp"

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/security_headers.hpp"
#include "web/url.hpp"

namespace amt::web {

Page::Page(const Site& site, const http::Request& request, const http::Fields* form)
    : site_(site), request_(request), form_(form), csrf_(site.csrf.binding(request)) {
  const std::string from_form = form ? http::field(*form, "lang") : std::string();
  const std::string from_query = request.query_param("lang").value_or("");
  const auto from_cookie = http::cookie(request, language_cookie);
  if (app::is_supported_language(from_form)) {
    lang_ = from_form;
    remember_lang_ = switched_by_form_ = true;
  } else if (app::is_supported_language(from_query)) {
    lang_ = from_query;
    remember_lang_ = from_cookie != from_query;
  } else if (from_cookie && app::is_supported_language(*from_cookie)) {
    lang_ = *from_cookie;
  } else {
    lang_ = app::language_from_accept(request.header("accept-language"));
  }
}

bool Page::csrf_ok() const {
  return form_ && site_.csrf.valid(request_, http::field(*form_, http::Csrf::field_name));
}

Data Page::languages(std::string_view form_action) const {
  List list;
  for (std::string_view code : app::supported_languages) {
    Data item;
    item.set("code", std::string(code));
    item.set("name", std::string(app::native_language_name(code)));
    if (code == lang_) item.set("current", true);
    if (!form_action.empty()) {
      item.set("form_action", std::string(form_action));
    } else {
      item.set("href", with_param(request_.path, request_.query, "lang", code));
    }
    list.push_back(item);
  }
  return Data{list};
}

void Page::add_banner(Data& layout) const {
  if (!site_.news) return;
  List banner;
  for (const app::NewsEntry& entry : site_.news->pinned(lang_)) {
    Data item;
    item.set("title", entry.title);
    item.set("language", entry.language);
    item.set("href", "/news#news-" + entry.id);
    banner.push_back(item);
  }
  if (banner.empty()) return;
  layout.set("has_banner", true);
  layout.set("banner", Data{banner});
}

void Page::finish(http::Response& response) const {
  http::add_security_headers(response);
  response.set("Content-Language", lang_);
  response.set("Vary", "Cookie, Accept-Language");
  site_.csrf.attach(response, csrf_);
  if (remember_lang_) http::set_cookie(response, language_cookie, lang_, {60 * 60 * 24 * 365, true, false});
}

http::Response Page::render(int status, std::string_view name, std::string_view title, Data data,
                            std::string_view form_action) const {
  data.set("csrf", csrf_.token);
  data.set("lang", lang_);
  const std::string body = site_.templates.render(name, lang_, data);

  Data layout;
  layout.set("lang", lang_);
  layout.set("dir", app::is_right_to_left(lang_) ? "rtl" : "ltr");
  layout.set("title", std::string(title));
  layout.set("content", body);
  layout.set("languages", languages(form_action));
  layout.set("css_kern", site_.static_files.url("kern.min.css"));
  layout.set("css_app", site_.static_files.url("app.css"));
  if (data.get("altcha")) {  // only the page with the anti-bot widget loads its script
    layout.set("altcha_js", site_.static_files.url("altcha.js"));
    layout.set("altcha_css", site_.static_files.url("altcha.css"));
  }
  add_banner(layout);
  layout.set("js_app", site_.static_files.url("app.js"));  // service worker, booking kept on the device
  layout.set("icon_svg", site_.static_files.url("icon.svg"));
  layout.set("icon_png", site_.static_files.url("icon-192.png"));
  http::Response response = http::Response::text(status, site_.templates.render("layout", lang_, layout),
                                                 "text/html; charset=utf-8");
  finish(response);
  return response;
}

http::Response Page::redirect(const std::string& location) const {
  http::Response response;
  response.status = 303;
  response.set("Location", location);
  finish(response);
  return response;
}

http::Response Page::message(int status, std::string_view title_msgid, std::string_view text_msgid) const {
  Data data;
  data.set("heading", t(title_msgid));
  data.set("text", t(text_msgid));
  return render(status, "message", t(title_msgid), std::move(data));
}

}  // namespace amt::web
