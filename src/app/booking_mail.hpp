// The mails a booking change sends (confirmation, new time, cancellation), rendered into an outbox
// message inside the booking's transaction. The text is German for every language so far; the
// language is a parameter so that translated wording can be added in one place (Wording).
#pragma once

#include <string>

#include "core/model.hpp"
#include "store/store.hpp"

namespace amt::app {

enum class BookingMailKind { confirmed, rescheduled, cancelled };

struct BookingMailFacts {
  const Appointment& appointment;  // as committed (new time, or status cancelled)
  const Location& location;
  const Service& service;
  std::string manage_token;  // "" for a cancellation: there is nothing left to manage
  Instant now;
};

struct MailSite {
  std::string public_url;  // where citizens reach the site, e.g. "https://termine.example.org"
};

// Everything needed to send the mail later; id is the new outbox id.
store::OutboxMessage booking_mail(BookingMailKind kind, const BookingMailFacts& facts, const MailSite& site,
                                  std::string id);

// "Montag, 15. März 2027" and "08:00" in the location's zone (German formats).
std::string german_long_date(Instant t, Zone z);
std::string german_time(Instant t, Zone z);

}  // namespace amt::app
