// The kiosk's own routes: opening a board with its key, the start screen (language by name), the
// menu of choices, and the health answer the board polls to recover after a network loss.
#include "app/kiosk_keys.hpp"
#include "http/cookies.hpp"
#include "web/kiosk/pages.hpp"

namespace amt::web::kiosk {
namespace {

constexpr int ten_years = 10 * 365 * 24 * 60 * 60;

// The cookie is HttpOnly and SameSite=Strict: a form on another site cannot make the board post
// with it, which is the kiosk's protection against cross-site requests.
http::Response open_board(KioskContext& c, const http::Request& request) {
  const View view(c, request);
  const std::string secret = request.query_param("key").value_or("");
  if (secret.empty()) {
    if (!board_key(c, request)) return view.not_set_up();
    Data data;
    List languages;
    for (std::string_view code : app::supported_languages) {
      Data item;
      item.set("code", std::string(code));
      item.set("name", std::string(app::native_language_name(code)));
      item.set("href", "/kiosk/menu?lang=" + std::string(code));
      languages.push_back(item);
    }
    data.set("languages", Data{languages});
    return view.render(200, "kiosk/start", view.t("Welcome"), std::move(data));
  }
  if (!app::active_kiosk_key(c.store, secret)) return view.not_set_up();
  http::Response response;
  response.status = 303;
  response.set("Location", "/kiosk");
  response.set("Cache-Control", "no-store");
  response.headers.emplace_back("Set-Cookie", std::string(device_cookie) + "=" + secret +
                                                  "; Path=/kiosk; Max-Age=" + std::to_string(ten_years) +
                                                  "; SameSite=Strict; HttpOnly");
  return response;
}

http::Response menu(KioskContext& c, const store::KioskKey&, const http::Request& request) {
  const View view(c, request);
  Data data;
  data.set("check_in_href", view.href("/kiosk/check-in"));
  data.set("emergency_href", view.href("/kiosk/emergency"));
  data.set("walk_in_href", view.href("/kiosk/walk-in"));
  if (c.bookings != nullptr) data.set("book_href", view.href("/kiosk/book"));
  return view.render(200, "kiosk/menu", view.t("How can we help you?"), std::move(data));
}

}  // namespace

http::Handler for_board(KioskContext& context, BoardPage page) {
  return [&context, page = std::move(page)](const http::Request& request) {
    const auto board = board_key(context, request);
    if (!board) return View(context, request).not_set_up();
    return page(context, *board, request);
  };
}

std::string local_time(const KioskContext& context, const store::KioskKey& board, Instant t) {
  const auto snapshot = context.catalogs.current();
  const Location* location = snapshot->catalog.location(board.location_id);
  return context.translations.format_time(t, zone(location ? location->time_zone : "Europe/Berlin"));
}

std::string local_date(const KioskContext& context, const View& view, const store::KioskKey& board, Instant t) {
  const auto snapshot = context.catalogs.current();
  const Location* location = snapshot->catalog.location(board.location_id);
  return context.translations.format_date(view.lang(), t, zone(location ? location->time_zone : "Europe/Berlin"));
}

void add_kiosk_routes(http::Router& router, KioskContext& context) {
  router.get("/kiosk", [&context](const http::Request& r) { return open_board(context, r); });
  router.get("/kiosk/menu", for_board(context, menu));
  // Tiny and without the key: it tells nothing but that the server answers.
  router.get("/kiosk/health", [](const http::Request&) {
    http::Response response = http::Response::text(200, "ok");
    response.set("Cache-Control", "no-store");
    return response;
  });
  add_check_in_pages(router, context);
  add_ticket_pages(router, context);
  add_book_pages(router, context);
}

}  // namespace amt::web::kiosk
