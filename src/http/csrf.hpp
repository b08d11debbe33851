// CSRF protection for HTML forms: a random id in an HttpOnly cookie, and in each form a token that
// is HMAC-SHA256(secret, id). A forged cross-site POST has the cookie but cannot compute the token.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

class Csrf {
 public:
  static constexpr std::string_view cookie_name = "amt_csrf";
  static constexpr std::string_view field_name = "csrf";

  explicit Csrf(std::string secret) : secret_(std::move(secret)) {}

  struct Binding {
    std::string id;     // the cookie value
    std::string token;  // what forms carry
    bool is_new = false;
  };
  // The request's binding, or a fresh one (then the response must set the cookie: see attach()).
  Binding binding(const Request& request) const;
  void attach(Response& response, const Binding& binding) const;
  // True when the request's cookie id and the submitted token belong together.
  bool valid(const Request& request, std::string_view submitted_token) const;

 private:
  std::string token_for(std::string_view id) const;
  std::string secret_;
};

}  // namespace amt::http
