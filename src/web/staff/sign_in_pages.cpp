// /staff/sign-in (the one public staff page), sign-out and sign-out everywhere. The password check
// (argon2id, 50-500 ms) runs inside the route handler, i.e. on the server's worker threads, never
// on the I/O threads. A successful sign-in always gets a fresh session token (no fixation).
#include <algorithm>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "web/staff/staff_routes.hpp"
#include "web/url.hpp"

namespace amt::web::staff {

namespace {

// Only our own staff pages are allowed as the target after sign-in (no open redirect).
std::string safe_next(std::string_view next) {
  const bool staff_path = next == "/staff" || next.starts_with("/staff/") || next.starts_with("/staff?");
  const bool plain = std::none_of(next.begin(), next.end(), [](char c) {
    return c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (!staff_path || !plain || next.starts_with(sign_in_path)) return "/staff";
  return std::string(next);
}

void set_session_cookie(const StaffContext& c, http::Response& response, std::string_view token, bool remove) {
  http::set_cookie(response, session_cookie, token, {remove ? 0 : -1, true, c.secure_cookies, "/staff", "Strict"});
}

// "in 3 minutes" / "in 20 seconds", rounded up, in the page's language.
std::string wait_text(const StaffPage& page, std::chrono::seconds wait) {
  const long long s = std::max<long long>(1, wait.count());
  std::string text = s >= 60 ? page.t("Please try again in {n} minutes.") : page.t("Please try again in {n} seconds.");
  const std::string n = std::to_string(s >= 60 ? (s + 59) / 60 : s);
  if (const auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, n);
  return text;
}

http::Response form_page(const StaffPage& page, int status, const std::string& login, const std::string& next,
                         Data extra = Data{}) {
  extra.set("login", login);
  extra.set("next", next);
  return page.render(status, "sign_in", page.t("Staff sign-in"), std::move(extra));
}

http::Response get_sign_in(StaffContext& c, const http::Request& request) {
  const StaffPage page(c.site, request);
  const std::string next = safe_next(request.query_param("next").value_or("/staff"));
  const std::string token = http::cookie(request, session_cookie).value_or("");
  if (!token.empty() && c.auth.authenticate(token, c.clock.now())) return page.redirect(next);
  Data data;
  if (request.query_param("signed_out")) data.set("signed_out", true);
  if (const auto ended = request.query_param("ended")) {
    data.set("ended", true);
    data.set("ended_count", ended->substr(0, 4));
  }
  return form_page(page, 200, "", next, std::move(data));
}

http::Response post_sign_in(StaffContext& c, const http::Request& request) {
  const StaffPage page(c.site, request);
  const auto form = http::parse_form(request.body);
  if (!form) return page.message(400, "Please try again", "The form could not be read. Please send it again.");
  if (!c.site.csrf.valid(request, http::field(*form, http::Csrf::field_name)))
    return page.message(403, "Please try again", "This form has expired. Please reload the page and send it again.");
  const std::string login = http::field(*form, "login").substr(0, 64);
  const std::string next = safe_next(http::field(*form, "next"));
  const std::string password = http::field(*form, "password");
  if (login.empty() || password.empty()) {
    Data data;
    data.set("missing", true);
    return form_page(page, 422, login, next, std::move(data));
  }
  const Instant now = c.clock.now();
  const app::SignInResult result = c.auth.sign_in(login, password, now, request.remote_address);
  if (result.outcome == app::SignInOutcome::signed_in) {
    // A session the browser still held is ended, never reused: the new token is always fresh.
    const std::string old = http::cookie(request, session_cookie).value_or("");
    if (const auto before = old.empty() ? std::nullopt : c.auth.authenticate(old, now))
      c.auth.sign_out(old, before->account, now);
    http::Response response = page.redirect(next);
    set_session_cookie(c, response, result.token, false);
    return response;
  }
  Data data;
  if (result.outcome == app::SignInOutcome::wrong_credentials) {
    data.set("wrong", true);
    return form_page(page, 401, login, next, std::move(data));
  }
  const auto wait = std::chrono::duration_cast<std::chrono::seconds>(result.retry_at - now);
  data.set(result.outcome == app::SignInOutcome::locked ? "locked" : "too_soon", true);
  data.set("wait", wait_text(page, wait));
  http::Response response = form_page(page, 429, login, next, std::move(data));
  response.set("Retry-After", std::to_string(std::max<long long>(1, wait.count())));
  return response;
}

}  // namespace

void add_sign_in_pages(http::Router& router, StaffRoutes& routes) {
  StaffContext& c = routes.context();
  router.get(std::string(sign_in_path), [&c](const http::Request& r) { return get_sign_in(c, r); });
  router.post(std::string(sign_in_path), [&c](const http::Request& r) { return post_sign_in(c, r); });
  routes.post("/staff/sign-out", Permission::own_session, [&c](const StaffRequest& r) {
    c.auth.sign_out(r.session_token, r.staff.account, c.clock.now());
    http::Response response = r.page.redirect(std::string(sign_in_path) + "?signed_out=1");
    set_session_cookie(c, response, "", true);
    return response;
  });
  routes.post("/staff/sign-out-everywhere", Permission::own_session, [&c](const StaffRequest& r) {
    const int ended = c.auth.sign_out_everywhere(r.staff.account, c.clock.now());
    http::Response response = r.page.redirect(std::string(sign_in_path) + "?ended=" + std::to_string(ended));
    set_session_cookie(c, response, "", true);
    return response;
  });
}

}  // namespace amt::web::staff
