// The mails a booking change sends (confirmation, new time, cancellation), rendered into an outbox
// message that is queued in the change's transaction (a new booking's confirmation is rendered
// before it, outside the one writer), in the language stored with the appointment (the web pages'
// gettext catalogs; dates written for that language).
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

// Queues the mail about a change of appointment a in the change's transaction. A service or
// location retired from the catalog since booking still gets its mail, naming what the appointment
// recorded. False when the citizen gave no e-mail address (nothing is queued).
bool enqueue_booking_mail(store::WriteTx& tx, BookingMailKind kind, const Appointment& a, const Catalog& catalog,
                          std::string manage_token, Instant now, const MailSite& site);

// "08:00" in the location's zone: the 24-hour clock all six languages use.
std::string german_time(Instant t, Zone z);

}  // namespace amt::app
