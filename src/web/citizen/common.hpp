// Pieces the booking and the manage pages share: which services are bookable online, how an
// appointment is shown, the day and time choice, and the one place where app errors become
// translated messages.
#pragma once

#include <functional>
#include <string>

#include "app/booking.hpp"
#include "web/page.hpp"
#include "web/routes.hpp"

namespace amt::web::citizen {

using app::CatalogSnapshot;

// Active and bookable online; null otherwise.
const Service* bookable_service(const CatalogSnapshot& snapshot, std::string_view id);
Zone zone_of(const CatalogSnapshot& snapshot, const Id& location_id);

// service, date, time, place and what to bring of an appointment (or of a chosen start).
Data appointment_data(const Page& page, const CatalogSnapshot& snapshot, const Service& service,
                      Instant start);

// Links to the day and time pages of a flow: booking (/book/...) or rescheduling (/manage/...).
struct ChoiceLinks {
  std::function<std::string(std::string_view from)> days;   // a day list starting at from ("" = today)
  std::function<std::string(std::string_view date)> times;  // the times of one day
  std::function<std::string(std::string_view start)> pick;  // what choosing a start leads to
};
// Free days from request.from, looking ahead up to four windows of two weeks when they are empty.
// waitlist: where to ask for a time when none suits ("" = no such link, e.g. when rescheduling).
http::Response day_choice(CitizenContext& c, const Page& page, app::AvailabilityRequest request,
                          const Service& service, const ChoiceLinks& links, std::string_view back,
                          std::string_view waitlist = {});
http::Response time_choice(CitizenContext& c, const Page& page, app::AvailabilityRequest request,
                           const Service& service, const ChoiceLinks& links, bool taken);

// The time list of the booking flow with the "this time was just taken" message; the name typed
// in the details form replaces the surname of the concern page, so the times are the caseworker's.
std::string booking_times_url(const std::string& service, std::string_view date,
                              const std::string& customer_number, const std::string& name);

// The translated text for a field error (the single mapping of FieldError codes to messages).
std::string field_message(const Page& page, const app::FieldError& error);
// Our catalogs write a number into a text as "{n}": the text with n written in.
std::string with_number(std::string text, std::int64_t n);
// The form field an app field belongs to ("contact.email" -> "email").
std::string form_field(std::string_view app_field);
// True when the error means "pick another time" (taken, closed, off the grid...).
bool is_time_problem(const app::Error& error);

// /news.atom (news_feed.cpp); /news registers it.
void add_news_feed(http::Router& router, app::NewsBoard& news);

}  // namespace amt::web::citizen
