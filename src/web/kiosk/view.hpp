// What every kiosk page shares: the board's device key (cookie), the language chosen on the start
// screen (carried in links and forms, never stored, so an idle reset forgets it), and the kiosk
// layout with its idle timer and "one moment" screen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/form.hpp"
#include "http/message.hpp"
#include "web/kiosk/kiosk.hpp"

namespace amt::web::kiosk {

inline constexpr std::string_view device_cookie = "amt_kiosk";

class View {
 public:
  View(const KioskContext& context, const http::Request& request, const http::Fields* form = nullptr);

  const std::string& lang() const { return lang_; }
  std::string t(std::string_view msgid) const { return context_.translations.translate(lang_, msgid); }
  std::string data_text(std::string_view german) const {
    return context_.translations.translate_catalog(lang_, german);
  }
  // A kiosk path with the page's language, e.g. href("/kiosk/menu").
  std::string href(std::string_view path) const;

  http::Response render(int status, std::string_view name, std::string_view title, Data data) const;
  // The calm page of a board without a valid key: nothing of the office is shown.
  http::Response not_set_up() const;

 private:
  const KioskContext& context_;
  std::string lang_;
};

// The board's key when its cookie holds an active one.
std::optional<store::KioskKey> board_key(const KioskContext& context, const http::Request& request);

// A fresh request id for the forms of a page: a repeated tap sends the same one.
std::string new_request_id();
bool is_request_id(std::string_view s);

}  // namespace amt::web::kiosk
