// The gate in front of every staff route: who is signed in, may their roles do this, and did a POST
// come from our own form. Answers: anonymous GET -> the sign-in page (keeping the target),
// anonymous POST -> 401, wrong role -> 403, bad CSRF token -> 403.
#include "web/staff/staff_routes.hpp"

#include <stdexcept>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "web/url.hpp"

namespace amt::web::staff {

namespace {

http::Response to_sign_in(const StaffPage& page, const http::Request& request) {
  return page.redirect(std::string(sign_in_path) + "?next=" + percent_encode(request.target));
}

// A urlencoded body, or a multipart one (file uploads such as the staff CSV): its text parts and
// each file's bytes under the file field's name.
std::optional<http::Fields> read_form(const http::Request& request) {
  const std::string_view type = request.header("content-type");
  if (!type.starts_with("multipart/form-data")) return http::parse_form(request.body);
  auto multipart = http::parse_multipart(type, request.body);
  if (!multipart) return std::nullopt;
  for (http::FilePart& f : multipart->files) multipart->fields.emplace_back(f.field, std::move(f.data));
  return std::move(multipart->fields);
}

}  // namespace

http::Response guard(StaffContext& context, const http::Request& request, Permission permission,
                     const StaffHandler& handler) {
  const std::string token = http::cookie(request, session_cookie).value_or("");
  const auto staff = token.empty() ? std::nullopt : context.auth.authenticate(token, context.clock.now());
  const bool is_post = request.method == "POST";
  if (!staff) {
    const StaffPage page(context.site, request);
    if (!is_post) return to_sign_in(page, request);
    return page.message(401, "Please sign in", "This needs a signed-in staff account. Please sign in again.");
  }
  const StaffPage page(context.site, request, &staff->account);
  if (!may(staff->account.roles, permission))
    return page.message(403, "Not allowed", "Your account's roles do not allow this page or action.");
  http::Fields form;
  if (is_post) {
    auto parsed = read_form(request);
    if (!parsed) return page.message(400, "Please try again", "The form could not be read. Please send it again.");
    form = std::move(*parsed);
    if (!context.site.csrf.valid(request, http::field(form, http::Csrf::field_name)))
      return page.message(403, "Please try again", "This form has expired. Please reload the page and send it again.");
  }
  return handler(StaffRequest{request, *staff, form, page, token});
}

void StaffRoutes::add(std::string method, std::string pattern, Permission permission, StaffHandler handler) {
  if (!pattern.starts_with("/staff/") && pattern != "/staff")
    throw std::logic_error("staff route outside /staff: " + pattern);
  if (!handler) throw std::logic_error("staff route without a handler: " + pattern);
  for (const auto& r : table_)
    if (r.method == method && r.pattern == pattern) throw std::logic_error("staff route twice: " + pattern);
  table_.push_back({method, pattern, permission});
  router_.add(std::move(method), std::move(pattern),
              [&context = context_, permission, handler = std::move(handler)](const http::Request& request) {
                return guard(context, request, permission, handler);
              });
}

void StaffRoutes::get(std::string pattern, Permission permission, StaffHandler handler) {
  add("GET", std::move(pattern), permission, std::move(handler));
}

void StaffRoutes::post(std::string pattern, Permission permission, StaffHandler handler) {
  add("POST", std::move(pattern), permission, std::move(handler));
}

std::string describe(const std::vector<StaffRouteInfo>& table) {
  std::string out;
  for (const auto& r : table) {
    const RoleSet roles = roles_for(r.permission);
    out += r.method + " " + r.pattern + " " + to_string(r.permission) + " " +
           (roles.empty() ? std::string("*") : to_string(roles)) + "\n";
  }
  return out;
}

}  // namespace amt::web::staff
