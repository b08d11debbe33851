// Use cases of a citizen's booking: see free times, book, view, cancel, reschedule. Each write is
// one store transaction in which the capacity check and the insert happen together.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "app/proof_of_work.hpp"
#include "app/secrets.hpp"
#include "core/availability.hpp"
#include "store/store.hpp"

namespace amt::app {

struct AvailabilityRequest {
  Id location_id;
  Id service_id;
  std::string from;  // YYYY-MM-DD; empty: today
  std::string to;    // YYYY-MM-DD; empty: from + 13 days
  std::string customer_number;
  std::string name{};  // surname or full name: finds the caseworker by letter rules without a number rule
};

struct AvailabilityAnswer {
  std::shared_ptr<const CatalogSnapshot> snapshot;  // keeps location and zone alive
  const Location* location = nullptr;
  Zone zone = nullptr;
  LocalDate from;
  LocalDate to;
  std::vector<DaySlots> days;
};

struct BookingRequest {
  Id location_id;
  Id service_id;
  std::string start;  // RFC 3339 as received
  Contact contact;
  std::string customer_number;
  std::string note;
  std::string language;  // empty: "de"
  Channel channel = Channel::online;
  std::string idempotency_key;  // empty: none
  std::string proof;            // ALTCHA payload or wait token; required online when proof of work is on
};

struct Booked {
  Appointment appointment;
  std::string manage_token;  // shown once; only its hash is stored
  bool replayed = false;     // answered from an earlier request with the same Idempotency-Key
};

struct BookingPolicy {
  int max_active_per_contact = 3;
  int max_query_days = 62;
  std::string secret;  // HMAC key for manage tokens
  std::string public_url = "http://localhost:8080";  // base of the manage link in mails
  const ProofOfWork* proof_of_work = nullptr;  // null: online booking needs no anti-bot proof
  int waitlist_hold_minutes = 120;  // a time a cancellation frees is held this long for the waitlist
  std::function<std::string()> new_code = new_booking_code;  // tests force a collision with it
};

// More writes that belong to a new booking (the service center's audit entry and SMS): run in the
// booking's own transaction after its insert, so they exist exactly when the booking does.
using AlsoWithBooking = std::function<void(store::WriteTx&, const Appointment&)>;

class Bookings {
 public:
  Bookings(store::Store& store, CatalogHolder& catalogs, const Clock& clock, BookingPolicy policy);

  Result<AvailabilityAnswer> availability(const AvailabilityRequest& request) const;
  Result<Booked> book(const BookingRequest& request, const AlsoWithBooking& also = {});
  Result<Appointment> view(std::string_view code, std::string_view token) const;
  Result<Appointment> cancel(std::string_view code, std::string_view token);
  Result<Appointment> reschedule(std::string_view code, std::string_view token, std::string_view start);

  // The checks book() makes before writing, without writing: normalises request's contact fields
  // and returns what is wrong (empty: book() would only fail on capacity or limits). For the web
  // form's "check your answers" step.
  std::vector<FieldError> check(BookingRequest& request) const;
  // For citizens without the manage link: code plus the booking's e-mail or mobile number (either
  // spelling) gives an access token that view/cancel/reschedule accept like the manage token. An
  // unknown code and a wrong contact get the same not_found answer.
  Result<std::string> access_by_contact(std::string_view code, std::string_view contact) const;
  // The same kind of access token for a booking the office writes to (document pre-check mails):
  // the manage link in them works like the one from the confirmation, and dies with it.
  std::string link_token(const Appointment& a) const;

  Instant now() const { return clock_.now(); }
  const std::string& public_url() const { return policy_.public_url; }  // where citizens reach the site

 private:
  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  BookingPolicy policy_;

  // The anti-bot proof an online booking needs (nullopt: none needed), or why it is refused.
  tl::expected<std::optional<AcceptedProof>, FieldError> proof_for(const BookingRequest& r) const;
};

}  // namespace amt::app
