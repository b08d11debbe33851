// Kiosk page handlers, split by screen; every one runs only for a board with an active key.
#pragma once

#include <functional>

#include "web/kiosk/view.hpp"

namespace amt::web::kiosk {

using BoardPage = std::function<http::Response(KioskContext&, const store::KioskKey&, const http::Request&)>;
// Wraps a page so that a request without an active device key gets the "not set up" page.
http::Handler for_board(KioskContext& context, BoardPage page);

// The ticket screen (large number, print button) with a heading and an optional appointment line.
http::Response ticket_page(const KioskContext& context, const View& view, const store::KioskKey& board,
                           const Ticket& ticket, std::string_view heading_msgid, Data extra = {});
// Date and time of an instant at the board's location.
std::string local_time(const KioskContext& context, const store::KioskKey& board, Instant t);
std::string local_date(const KioskContext& context, const View& view, const store::KioskKey& board, Instant t);

void add_check_in_pages(http::Router& router, KioskContext& context);
void add_ticket_pages(http::Router& router, KioskContext& context);  // emergency and walk-in
void add_book_pages(http::Router& router, KioskContext& context);    // when context.bookings is set

}  // namespace amt::web::kiosk
