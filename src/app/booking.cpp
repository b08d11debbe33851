// Free times and new bookings.
#include "app/booking.hpp"

#include <algorithm>
#include <array>

#include "app/booking_mail.hpp"
#include "app/booking_rules.hpp"
#include "app/contact.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"
#include "core/responsibility.hpp"

namespace amt::app {

namespace {

constexpr std::array<std::string_view, 6> languages = {"de", "en", "uk", "ar", "tr", "ru"};

bool has_control_chars(std::string_view s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                size_t max_chars, bool multiline) {
  if (!is_valid_utf8(value) || has_control_chars(value, multiline)) {
    errors.push_back({field, "invalid", "Contains characters that are not allowed."});
  } else if (utf8_length(value) > max_chars) {
    errors.push_back({field, "too_long", "At most " + std::to_string(max_chars) + " characters."});
  }
}

// Checks and normalises what the citizen typed; errors name the request's fields.
std::vector<FieldError> clean_contact(BookingRequest& r) {
  std::vector<FieldError> errors;
  r.contact.name = trim(r.contact.name);
  if (r.contact.name.empty()) {
    errors.push_back({"contact.name", "required", "Please give a name."});
  } else {
    check_text(errors, "contact.name", r.contact.name, 100, false);
  }
  if (!r.contact.email.empty()) {
    if (auto e = normalize_email(r.contact.email)) r.contact.email = *e;
    else errors.push_back({"contact.email", "invalid", "This is not a valid e-mail address."});
  }
  if (!r.contact.phone.empty()) {
    if (auto p = normalize_phone(r.contact.phone)) r.contact.phone = *p;
    else errors.push_back({"contact.phone", "invalid", "Use 6 to 20 digits, optionally starting with +."});
  }
  if (trim(r.contact.email).empty() && trim(r.contact.phone).empty())
    errors.push_back({"contact", "required", "Please give an e-mail address or a mobile number."});
  r.note = trim(r.note);
  check_text(errors, "note", r.note, 500, true);
  r.customer_number = trim(r.customer_number);
  if (r.language.empty()) r.language = "de";
  if (std::find(languages.begin(), languages.end(), r.language) == languages.end())
    errors.push_back({"language", "unsupported", "Use one of de, en, uk, ar, tr, ru."});
  return errors;
}

std::string request_fingerprint(const BookingRequest& r) {
  std::string s;
  for (const std::string* part : {&r.location_id, &r.service_id, &r.start, &r.contact.name, &r.contact.email,
                                  &r.contact.phone, &r.customer_number, &r.note, &r.language}) {
    s += *part;
    s += '\x1f';
  }
  s += to_string(r.channel);
  return sha256_hex(s);
}

}  // namespace

Bookings::Bookings(store::Store& store, CatalogHolder& catalogs, const Clock& clock, BookingPolicy policy)
    : store_(store), catalogs_(catalogs), clock_(clock), policy_(std::move(policy)) {}

Result<AvailabilityAnswer> Bookings::availability(const AvailabilityRequest& request) const {
  AvailabilityAnswer answer;
  answer.snapshot = catalogs_.current();
  const Catalog& catalog = answer.snapshot->catalog;
  answer.location = catalog.location(request.location_id);
  const Planner* planner = answer.snapshot->planner(request.location_id);
  if (!answer.location || !planner) return fail(ErrorKind::not_found, "No such location.");
  const Service* service = catalog.service(request.service_id);
  if (!service || !service->active || service->location_id != answer.location->id)
    return fail(ErrorKind::not_found, "No such service at this location.");
  answer.zone = planner->zone();

  // Taken as the start of the next minute so that answers can be cached for a minute without offering a start
  // that the lead time has just excluded.
  const Instant now = std::chrono::floor<std::chrono::minutes>(clock_.now()) + std::chrono::minutes{1};
  std::vector<FieldError> errors;
  const auto from = request.from.empty() ? std::optional(local_date(answer.zone, now)) : parse_date(request.from);
  if (!from) errors.push_back({"from", "invalid", "Use a date like 2027-03-15."});
  auto to = request.to.empty() && from ? std::optional(*from + date::days{13}) : parse_date(request.to);
  if (!to) errors.push_back({"to", "invalid", "Use a date like 2027-03-15."});
  if (from && to && *to < *from) errors.push_back({"to", "before_from", "The end lies before the start."});
  if (from && to && *to - *from >= date::days{policy_.max_query_days})
    errors.push_back({"to", "range_too_long",
                      "At most " + std::to_string(policy_.max_query_days) + " days at once."});
  if (!request.customer_number.empty() && !is_valid_customer_number(request.customer_number))
    errors.push_back({"customer_number", "invalid", "Use 3 to 20 letters and digits."});
  if (request.name.size() > 200) errors.push_back({"surname", "too_long", "At most 200 characters."});
  if (!errors.empty()) return invalid(std::move(errors));
  answer.from = *from;
  answer.to = *to;

  SlotQuery query{service->id, *from, *to, now, {}};
  if (service->routing == Routing::responsible) {
    if (auto who = responsible_staff(catalog, answer.location->id, request.customer_number, request.name))
      query.responsible_chain = responsibility_chain(catalog, *who);
  }
  const Instant range_start{date::sys_days{from->time_since_epoch()} - date::days{1}};
  const Instant range_end{date::sys_days{to->time_since_epoch()} + date::days{2}};
  const auto appointments = store_.appointments_to_plan(answer.location->id, range_start, range_end);
  answer.days = planner->free_slots(appointments, query);
  return answer;
}

tl::expected<std::optional<AcceptedProof>, FieldError> Bookings::proof_for(const BookingRequest& r) const {
  if (!policy_.proof_of_work || r.channel != Channel::online) return std::nullopt;
  auto accepted = policy_.proof_of_work->verify(r.proof);
  if (!accepted) return tl::unexpected(accepted.error());
  return std::optional(std::move(*accepted));
}

std::vector<FieldError> Bookings::check(BookingRequest& r) const {
  auto snapshot = catalogs_.current();
  auto errors = clean_contact(r);
  if (auto proof = proof_for(r); !proof) errors.push_back(proof.error());
  auto target =
      resolve_target(*snapshot, r.location_id, r.service_id, r.start, r.customer_number, r.contact.name, r.channel);
  if (!target) errors.insert(errors.end(), target.error().fields.begin(), target.error().fields.end());
  return errors;
}

Result<Booked> Bookings::book(const BookingRequest& raw, const AlsoWithBooking& also) {
  BookingRequest r = raw;
  const std::string fingerprint = request_fingerprint(raw);
  auto snapshot = catalogs_.current();
  auto errors = clean_contact(r);
  auto target =
      resolve_target(*snapshot, r.location_id, r.service_id, r.start, r.customer_number, r.contact.name, r.channel);
  if (!target) errors.insert(errors.end(), target.error().fields.begin(), target.error().fields.end());
  const auto proof = proof_for(r);
  if (!proof) errors.push_back(proof.error());
  if (!errors.empty()) return invalid(std::move(errors));

  // Everything that does not depend on the database is prepared here, on the caller's thread:
  // the one writer then only checks, places and inserts. The booking's moment is the request's;
  // waiting for the writer adds milliseconds.
  const Instant now = clock_.now();
  Appointment a;
  a.id = random_nonce();
  a.code = policy_.new_code();
  a.location_id = target->location->id;
  a.service_id = target->service->id;
  a.start = target->start;
  a.end = target->end;
  a.channel = r.channel;
  a.staff_fixed = !target->responsible_chain.empty();
  const std::string nonce = random_nonce();
  const std::string token = manage_token(policy_.secret, nonce);
  a.manage_token_hash = sha256_hex(token);
  a.contact = r.contact;
  a.customer_number = r.customer_number;
  a.note = r.note;
  a.language = r.language;
  a.created_at = now;
  const std::string mail_id = random_nonce();
  const auto confirmation = [&] {
    return booking_mail(BookingMailKind::confirmed, {a, *target->location, *target->service, token, now},
                        {policy_.public_url}, mail_id);
  };
  std::optional<store::OutboxMessage> mail;
  if (!a.contact.email.empty()) mail = confirmation();

  Result<Booked> result = fail(ErrorKind::slot_taken, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    if (!r.idempotency_key.empty()) {
      if (auto earlier = tx.idempotency(r.idempotency_key)) {
        if (earlier->request_hash != fingerprint) {
          result = fail(ErrorKind::idempotency_conflict,
                        "This Idempotency-Key was already used for a different request.");
          return;
        }
        auto booked = tx.appointment_by_id(earlier->appointment_id);
        if (!booked) throw std::logic_error("idempotency record without its appointment");
        result = Booked{*booked, manage_token(policy_.secret, earlier->token_nonce), true};
        return;
      }
    }
    if (tx.count_active_for_contact(r.contact.email, r.contact.phone, now) >= policy_.max_active_per_contact) {
      result = fail(ErrorKind::booking_limit, "You already have " + std::to_string(policy_.max_active_per_contact) +
                                                  " open appointments. Please cancel one before booking another.");
      return;
    }
    const auto placement = target->planner->place(neighbours(tx, *target),
                                                  target->service->id, target->start, now,
                                                  target->responsible_chain);
    if (!placement) {
      result = tl::unexpected(placement_error(placement.error()));
      return;
    }
    // Spent only by a booking that happens: a refused one leaves the proof usable for the next try.
    if (*proof && !tx.claim_proof((*proof)->key, (*proof)->expires_at, now)) {
      result = invalid({proof_already_used()});
      return;
    }
    apply_moves(tx, placement->moves);

    if (tx.code_exists(a.code)) {  // rare: the mail names the code, so it is written again
      do a.code = policy_.new_code();
      while (tx.code_exists(a.code));
      if (mail) mail = confirmation();
    }
    a.staff_id = placement->staff_id;
    tx.insert_appointment(a);
    if (!r.idempotency_key.empty())
      tx.save_idempotency({r.idempotency_key, fingerprint, a.id, nonce, now});
    if (mail) tx.enqueue_outbox(*mail);
    // At the kiosk a mobile number is the other way to be told (issue #8): the code goes out by SMS.
    if (a.channel == Channel::kiosk && is_mobile_number(a.contact.phone))
      tx.enqueue_outbox(booking_confirmed_sms(a, a.contact.phone, zone(target->location->time_zone), now));
    if (also) also(tx, a);
    result = Booked{a, token, false};
  });
  return result;
}

}  // namespace amt::app
