// "Book an appointment" at the board: concern, the next free times (today first when there are
// any), minimal contact data, and the confirmation with the booking code shown large. Booking goes
// through app::Bookings on channel kiosk, with the screen's request id as idempotency key, so a
// double tap books once; the confirmation (e-mail, and SMS to a mobile number) is queued in the outbox
// by the booking itself.
#include "app/sms.hpp"
#include "web/kiosk/pages.hpp"
#include "web/url.hpp"

namespace amt::web::kiosk {
namespace {

constexpr std::size_t max_times = 12;  // the earliest free times, on one screen without scrolling

const Service* kiosk_service(const app::CatalogSnapshot& snapshot, const store::KioskKey& board, std::string_view id) {
  const Service* s = snapshot.catalog.service(Id(id));
  if (s == nullptr || s->location_id != board.location_id || !s->active || !allows(s->channels, Channel::kiosk))
    return nullptr;
  return s;
}

http::Response services_page(KioskContext& c, const store::KioskKey& board, const View& view) {
  const auto snapshot = c.catalogs.current();
  List list;
  for (const Service& s : snapshot->catalog.services) {
    if (kiosk_service(*snapshot, board, s.id) == nullptr) continue;
    Data item;
    item.set("name", view.data_text(s.name));
    item.set("href", view.href("/kiosk/book/times") + "&service=" + percent_encode(s.id));
    list.push_back(item);
  }
  Data data;
  data.set("services", Data{list});
  return view.render(200, "kiosk/book_services", view.t("Book an appointment"), std::move(data));
}

http::Response services(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  return services_page(c, board, View(c, request));
}

http::Response times(KioskContext& c, const store::KioskKey& board, const http::Request& request, bool taken) {
  const View view(c, request);
  const auto snapshot = c.catalogs.current();
  const std::string service_id = request.query_param("service").value_or("");
  const Service* service = kiosk_service(*snapshot, board, service_id);
  if (service == nullptr) return services(c, board, request);
  auto answer = c.bookings->availability({board.location_id, service_id, "", "", ""});
  List list;
  if (answer) {
    for (const DaySlots& day : answer->days)
      for (const Slot& slot : day.slots) {
        if (list.size() >= max_times) break;
        Data item;
        item.set("date", local_date(c, view, board, slot.start));
        item.set("time", local_time(c, board, slot.start));
        item.set("href", view.href("/kiosk/book/details") + "&service=" + percent_encode(service_id) +
                             "&start=" + percent_encode(format_rfc3339_utc(slot.start)));
        list.push_back(item);
      }
  }
  Data data;
  data.set("service", view.data_text(service->name));
  data.set("taken", taken);
  data.set("none", list.empty());
  data.set("times", Data{list});
  data.set("back_href", view.href("/kiosk/book"));
  return view.render(200, "kiosk/book_times", view.t("Choose a time"), std::move(data));
}

// The contact form; errors: translated messages of the fields that were wrong.
http::Response details(KioskContext& c, const store::KioskKey& board, const View& view, const http::Fields& values,
                       const std::vector<app::FieldError>& errors) {
  const auto snapshot = c.catalogs.current();
  const std::string service_id = http::field(values, "service");
  const Service* service = kiosk_service(*snapshot, board, service_id);
  const auto start = parse_rfc3339(http::field(values, "start"));
  if (service == nullptr || !start) return services_page(c, board, view);
  Data data;
  data.set("service_id", service_id);
  data.set("service", view.data_text(service->name));
  data.set("start", http::field(values, "start"));
  data.set("date", local_date(c, view, board, *start));
  data.set("time", local_time(c, board, *start));
  data.set("name", http::field(values, "name"));
  data.set("email", http::field(values, "email"));
  data.set("phone", http::field(values, "phone"));
  data.set("request_id", new_request_id());
  List messages;
  for (const auto& e : errors) {
    const std::string msgid = e.field == "contact.name"    ? "Enter your name."
                              : e.field == "contact.email" ? "Enter an e-mail address like name@example.org."
                              : e.field == "contact.phone" ? "Enter a mobile number with 6 to 20 digits, like 0151 23456789."
                                                           : "Enter an e-mail address or a mobile number.";
    messages.push_back(Data(view.t(msgid)));
  }
  data.set("has_errors", !errors.empty());
  data.set("errors", Data{messages});
  data.set("back_href", view.href("/kiosk/book/times") + "&service=" + percent_encode(service_id));
  return view.render(errors.empty() ? 200 : 422, "kiosk/book_details", view.t("Book an appointment"), std::move(data));
}

http::Response show_details(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  return details(c, board, View(c, request), request.query, {});
}

http::Response confirmed(KioskContext& c, const store::KioskKey& board, const View& view, const app::Booked& booked) {
  const Appointment& a = booked.appointment;
  const auto snapshot = c.catalogs.current();
  const Service* service = snapshot->catalog.service(a.service_id);
  Data data;
  data.set("code", a.code);
  data.set("service", service ? view.data_text(service->name) : std::string());
  data.set("date", local_date(c, view, board, a.start));
  data.set("time", local_time(c, board, a.start));
  if (!a.contact.email.empty()) data.set("email", a.contact.email);
  if (app::is_mobile_number(a.contact.phone)) data.set("sms_phone", a.contact.phone);  // app::Bookings sends it
  return view.render(201, "kiosk/book_done", view.t("Your appointment is booked"), std::move(data));
}

http::Response post_details(KioskContext& c, const store::KioskKey& board, const http::Request& request) {
  const auto form = http::parse_form(request.body);
  if (!form) return services(c, board, request);
  const View view(c, request, &*form);
  const std::string request_id = http::field(*form, "request_id");
  if (!is_request_id(request_id)) return details(c, board, view, *form, {});
  app::BookingRequest r;
  r.location_id = board.location_id;
  r.service_id = http::field(*form, "service");
  r.start = http::field(*form, "start");
  r.contact = {http::field(*form, "name"), http::field(*form, "email"), http::field(*form, "phone")};
  r.language = view.lang();
  r.channel = Channel::kiosk;
  r.idempotency_key = "kiosk:" + request_id;
  auto booked = c.bookings->book(r);
  if (booked) return confirmed(c, board, view, *booked);
  const app::Error& e = booked.error();
  std::vector<app::FieldError> contact_errors;
  for (const auto& f : e.fields)
    if (f.field.starts_with("contact")) contact_errors.push_back(f);
  if (e.kind == app::ErrorKind::validation && !contact_errors.empty())
    return details(c, board, view, *form, contact_errors);
  if (e.kind == app::ErrorKind::booking_limit)
    return view.render(409, "kiosk/book_limit", view.t("Please ask at reception."), Data{});
  http::Request again = request;  // any other problem with the time: choose another one
  again.query = {{"service", r.service_id}, {"lang", view.lang()}};
  return times(c, board, again, true);
}

}  // namespace

void add_book_pages(http::Router& router, KioskContext& context) {
  if (context.bookings == nullptr) return;
  router.get("/kiosk/book", for_board(context, services));
  router.get("/kiosk/book/times", for_board(context, [](KioskContext& c, const store::KioskKey& b,
                                                        const http::Request& r) { return times(c, b, r, false); }));
  router.get("/kiosk/book/details", for_board(context, show_details));
  router.post("/kiosk/book/details", for_board(context, post_details));
}

}  // namespace amt::web::kiosk
