// The kiosk layout and device key check.
#include "web/kiosk/view.hpp"

#include "app/kiosk_keys.hpp"
#include "app/secrets.hpp"
#include "http/cookies.hpp"
#include "http/security_headers.hpp"

namespace amt::web::kiosk {

View::View(const KioskContext& context, const http::Request& request, const http::Fields* form)
    : context_(context), lang_("de") {
  std::string chosen = form ? http::field(*form, "lang") : std::string();
  if (chosen.empty()) chosen = request.query_param("lang").value_or("");
  if (app::is_supported_language(chosen)) lang_ = chosen;
}

std::string View::href(std::string_view path) const { return std::string(path) + "?lang=" + lang_; }

http::Response View::render(int status, std::string_view name, std::string_view title, Data data) const {
  data.set("lang", lang_);
  data.set("menu_href", href("/kiosk/menu"));
  Data layout;
  layout.set("lang", lang_);
  layout.set("dir", app::is_right_to_left(lang_) ? "rtl" : "ltr");
  layout.set("title", std::string(title));
  layout.set("content", context_.templates.render(name, lang_, data));
  layout.set("css_kern", context_.static_files.url("kern.min.css"));
  layout.set("css_kiosk", context_.static_files.url("kiosk.css"));
  layout.set("js_kiosk", context_.static_files.url("kiosk.js"));
  layout.set("idle_seconds", std::to_string(context_.settings.idle_seconds));
  layout.set("poll_seconds", std::to_string(context_.settings.health_poll_seconds));
  http::Response response = http::Response::text(status, context_.templates.render("kiosk/layout", lang_, layout),
                                                 "text/html; charset=utf-8");
  http::add_security_headers(response);  // also Cache-Control: no-store: nothing kept for "back"
  response.set("Content-Language", lang_);
  return response;
}

http::Response View::not_set_up() const {
  Data data;
  return render(403, "kiosk/not_set_up", t("This board is not set up"), std::move(data));
}

std::optional<store::KioskKey> board_key(const KioskContext& context, const http::Request& request) {
  const auto secret = http::cookie(request, device_cookie);
  if (!secret) return std::nullopt;
  return app::active_kiosk_key(context.store, *secret);
}

std::string new_request_id() { return app::random_nonce(); }

bool is_request_id(std::string_view s) {
  if (s.size() != 32) return false;
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

}  // namespace amt::web::kiosk
