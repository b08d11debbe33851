// Emergency tickets (after a few plain questions) and, before the Terminpflicht cut-off, walk-in
// tickets for any concern; the ticket screen both share with the check-in.
#include <algorithm>

#include "web/kiosk/pages.hpp"

namespace amt::web::kiosk {
namespace {

http::Response emergency_questions(KioskContext& c, const store::KioskKey&, const http::Request& request) {
  const View view(c, request);
  Data data;
  data.set("request_id", new_request_id());
  List situations;
  for (std::size_t i = 0; i < c.settings.emergency_situations.size(); ++i) {
    Data item;
    item.set("index", std::to_string(i));
    item.set("text", view.data_text(c.settings.emergency_situations[i]));
    situations.push_back(item);
  }
  data.set("situations", Data{situations});
  return view.render(200, "kiosk/emergency", view.t("Acute emergency"), std::move(data));
}

// Which situation was tapped is not stored: the desk asks in person, the ticket only says "emergency".
http::Response post_emergency(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const View view(c, request, form ? &*form : nullptr);
  const std::string request_id = form ? http::field(*form, "request_id") : std::string();
  const std::string situation = form ? http::field(*form, "situation") : std::string();
  const bool known = !situation.empty() && situation.size() < 4 &&
                     std::all_of(situation.begin(), situation.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
                     std::stoul(situation) < c.settings.emergency_situations.size();
  if (!is_request_id(request_id) || !known) return emergency_questions(c, board, request);
  auto ticket = c.tickets.emergency(board.location_id, request_id);
  if (!ticket) return view.not_set_up();
  return ticket_page(c, view, board, *ticket, "Your emergency ticket");
}

// From the Terminpflicht cut-off: no ticket without an appointment; how to book, and the way out
// for an acute emergency.
http::Response book_guide(KioskContext& c, const View& view, const store::KioskKey& board) {
  const auto snapshot = c.catalogs.current();
  const Location* location = snapshot->catalog.location(board.location_id);
  Data data;
  data.set("booking_url", c.settings.booking_url);
  if (location != nullptr && !location->phone.empty()) data.set("phone", location->phone);
  data.set("emergency_href", view.href("/kiosk/emergency"));
  return view.render(200, "kiosk/book_guide", view.t("Please book an appointment"), std::move(data));
}

bool walk_in_today(KioskContext& c, const store::KioskKey& board) {
  const auto snapshot = c.catalogs.current();
  const Location* location = snapshot->catalog.location(board.location_id);
  return location != nullptr &&
         walk_in_allowed(*location, amt::local_date(zone(location->time_zone), c.tickets.now()));
}

http::Response walk_in_services(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  const View view(c, request);
  if (!walk_in_today(c, board)) return book_guide(c, view, board);
  const auto snapshot = c.catalogs.current();
  Data data;
  data.set("request_id", new_request_id());
  List services;
  for (const Service& s : snapshot->catalog.services) {
    if (s.location_id != board.location_id || !s.active) continue;
    Data item;
    item.set("id", s.id);
    item.set("name", view.data_text(s.name));
    services.push_back(item);
  }
  data.set("services", Data{services});
  return view.render(200, "kiosk/walk_in", view.t("What is your concern?"), std::move(data));
}

http::Response post_walk_in(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const View view(c, request, form ? &*form : nullptr);
  const std::string request_id = form ? http::field(*form, "request_id") : std::string();
  if (!is_request_id(request_id)) return walk_in_services(c, board, request);
  auto ticket = c.tickets.walk_in(board.location_id, http::field(*form, "service"), request_id);
  if (!ticket) return walk_in_services(c, board, request);
  if (!*ticket) return book_guide(c, view, board);  // the Terminpflicht applies from today
  return ticket_page(c, view, board, **ticket, "Your ticket");
}

}  // namespace

http::Response ticket_page(const KioskContext& context, const View& view, const store::KioskKey& board,
                           const Ticket& ticket, std::string_view heading_msgid, Data extra) {
  extra.set("number", ticket.number);
  extra.set("emergency", ticket.kind == TicketKind::emergency);
  extra.set("issued", local_time(context, board, ticket.issued_at));
  extra.set("heading", view.t(heading_msgid));
  return view.render(200, "kiosk/ticket", view.t(heading_msgid) + " " + ticket.number, std::move(extra));
}

void add_ticket_pages(http::Router& router, KioskContext& context) {
  router.get("/kiosk/emergency", for_board(context, emergency_questions));
  router.post("/kiosk/emergency", for_board(context, post_emergency));
  router.get("/kiosk/walk-in", for_board(context, walk_in_services));
  router.post("/kiosk/walk-in", for_board(context, post_walk_in));
}

}  // namespace amt::web::kiosk
