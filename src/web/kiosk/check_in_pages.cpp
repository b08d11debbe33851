// "I have an appointment": the booking code typed on the on-screen keypad or by a barcode / QR
// scanner (which types the code), then a ticket or a plain explanation of what to do instead.
#include <cctype>

#include "web/kiosk/pages.hpp"

namespace amt::web::kiosk {
namespace {

http::Response code_form(const View& view, bool unknown) {
  Data data;
  data.set("action", "/kiosk/check-in");
  data.set("request_id", new_request_id());
  data.set("unknown", unknown);
  List keys;  // the booking code alphabet (app/secrets.hpp), in reading order
  for (char ch : std::string_view("ACDEFGHJKMNPQRTUVWXY34679")) keys.push_back(Data(std::string(1, ch)));
  data.set("keys", Data{keys});
  return view.render(unknown ? 404 : 200, "kiosk/check_in", view.t("Check in with your booking code"),
                     std::move(data));
}

std::string normalised_code(std::string code) {
  std::string out;
  for (char ch : code)
    if (std::isalnum(static_cast<unsigned char>(ch))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out.size() <= 32 ? out : std::string();
}

// Early, late, wrong day or not checkable: what happened and what to do, no ticket.
http::Response explanation(KioskContext& c, const View& view, const store::KioskKey& board,
                           const app::CheckInAnswer& answer) {
  const Appointment& a = *answer.appointment;
  Data data;
  data.set("time", local_time(c, board, a.start));
  data.set("date", local_date(c, view, board, a.start));
  std::string title;
  switch (*answer.verdict) {
    case CheckInVerdict::early:
      data.set("early", true);
      data.set("from", local_time(c, board, answer.from));
      title = view.t("You are early");
      break;
    case CheckInVerdict::late:
      data.set("late", true);
      title = view.t("Your appointment time has passed");
      break;
    case CheckInVerdict::wrong_day:
      data.set("wrong_day", true);
      title = view.t("Your appointment is not today");
      break;
    default:
      data.set(a.status == AppointmentStatus::cancelled ? "cancelled" : "closed", true);
      title = view.t(a.status == AppointmentStatus::cancelled ? "This appointment was cancelled"
                                                                : "This appointment cannot be checked in");
      break;
  }
  return view.render(200, "kiosk/check_in_result", title, std::move(data));
}

http::Response show_form(KioskContext& c, const store::KioskKey&, const http::Request& request) {
  return code_form(View(c, request), false);
}

http::Response post_code(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  const View view(c, request, form ? &*form : nullptr);
  const std::string request_id = form ? http::field(*form, "request_id") : std::string();
  if (!form || !is_request_id(request_id)) return code_form(view, false);
  const std::string code = normalised_code(http::field(*form, "code"));
  if (code.empty()) return code_form(view, true);
  auto answer = c.tickets.check_in(board.location_id, code, request_id);
  if (!answer || !answer->verdict) return code_form(view, true);
  if (answer->ticket) {
    Data extra;
    if (answer->appointment) extra.set("appointment_time", local_time(c, board, answer->appointment->start));
    return ticket_page(c, view, board, *answer->ticket, "You are checked in", std::move(extra));
  }
  return explanation(c, view, board, *answer);
}

}  // namespace

void add_check_in_pages(http::Router& router, KioskContext& context) {
  router.get("/kiosk/check-in", for_board(context, show_form));
  router.post("/kiosk/check-in", for_board(context, post_code));
}

}  // namespace amt::web::kiosk
