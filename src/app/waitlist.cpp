// Joining, viewing, leaving and accepting a waitlist entry; every answer about an entry needs its
// link token, compared in constant time, and an unknown id gets the same answer as a wrong token.
#include "app/waitlist.hpp"

#include <algorithm>
#include <array>

#include "app/booking_mail.hpp"
#include "app/contact.hpp"
#include "app/secrets.hpp"
#include "app/waitlist_mail.hpp"

namespace amt::app {

namespace {

constexpr std::array<std::string_view, 6> waitlist_languages = {"de", "en", "uk", "ar", "tr", "ru"};

bool waitlist_plain_text(std::string_view s, size_t max_chars) {
  if (!is_valid_utf8(s) || utf8_length(s) > max_chars) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void check_waitlist_contact(Contact& contact, std::vector<FieldError>& errors) {
  contact.name = trim(contact.name);
  if (contact.name.empty()) errors.push_back({"contact.name", "required", "Please give a name."});
  else if (!waitlist_plain_text(contact.name, 100))
    errors.push_back({"contact.name", "invalid", "Use at most 100 characters, no control characters."});
  contact.email = trim(contact.email);
  contact.phone = trim(contact.phone);
  if (!contact.email.empty()) {
    if (auto e = normalize_email(contact.email)) contact.email = *e;
    else errors.push_back({"contact.email", "invalid", "This is not a valid e-mail address."});
  }
  if (!contact.phone.empty()) {
    if (auto p = normalize_phone(contact.phone)) contact.phone = *p;
    else errors.push_back({"contact.phone", "invalid", "Use 6 to 20 digits, optionally starting with +."});
  }
  if (contact.email.empty() && contact.phone.empty())
    errors.push_back({"contact", "required", "Please give an e-mail address or a mobile number."});
}

// The wish from the request's fields, or the errors naming them.
std::optional<WaitlistWish> check_waitlist_wish(const WaitlistRequest& r, std::vector<FieldError>& errors) {
  const auto days = parse_weekdays(r.weekdays);
  if (!days) errors.push_back({"weekdays", "invalid", "Name at least one day: mon, tue, wed, thu, fri, sat, sun."});
  const auto from = parse_time(r.from);
  if (!from) errors.push_back({"from", "invalid", "Use a time like 08:00."});
  const auto to = parse_time(r.to);
  if (!to) errors.push_back({"to", "invalid", "Use a time like 12:00."});
  if (from && to && *to <= *from) errors.push_back({"to", "before_from", "The end lies before the start."});
  if (!days || !from || !to || *to <= *from) return std::nullopt;
  return WaitlistWish{*days, *from, *to};
}

Result<WaitlistEntry> authorise_entry(std::optional<WaitlistEntry> e, std::string_view token, std::string_view secret) {
  if (token.empty()) return fail(ErrorKind::unauthorized, "The waitlist token is missing.");
  // Always compares, so an unknown id and a wrong token take the same time.
  const std::string expected = e ? waitlist_token(secret, *e) : std::string(43, 'x');
  if (!equal_constant_time(expected, token) || !e) return fail(ErrorKind::not_found, "No waitlist entry with this link.");
  return std::move(*e);
}

}  // namespace

std::string waitlist_token(std::string_view secret, const WaitlistEntry& entry) {
  return manage_token(secret, "waitlist:" + entry.id + ":" + entry.token_nonce);
}

std::string waitlist_link(const WaitlistPolicy& policy, const WaitlistEntry& entry) {
  std::string base = policy.public_url;
  while (base.ends_with('/')) base.pop_back();
  // Id is hex and the token base64url: neither needs percent-encoding.
  return base + "/waitlist/" + entry.id + "?token=" + waitlist_token(policy.secret, entry);
}

std::optional<Appointment> held_appointment(store::Store& store, const CatalogSnapshot& snapshot,
                                            const WaitlistEntry& entry) {
  if (entry.status != WaitlistStatus::offered || !entry.hold_until) return std::nullopt;
  const Service* service = snapshot.catalog.service(entry.service_id);
  const auto horizon = std::chrono::days{(service ? service->horizon_days : 366) + 1};
  for (Appointment& a : store.appointments(entry.location_id, *entry.hold_until - std::chrono::days{1},
                                           *entry.hold_until + horizon))
    if (a.id == entry.appointment_id) return std::move(a);
  return std::nullopt;
}

Waitlist::Waitlist(store::Store& store, CatalogHolder& catalogs, const Clock& clock, WaitlistPolicy policy)
    : store_(store), catalogs_(catalogs), clock_(clock), policy_(std::move(policy)) {}

Result<WaitlistJoined> Waitlist::join(const WaitlistRequest& raw) {
  WaitlistRequest r = raw;
  std::vector<FieldError> errors;
  auto snapshot = catalogs_.current();
  const Location* location = snapshot->catalog.location(r.location_id);
  if (!location) errors.push_back({"location", "unknown", "No such location."});
  const Service* service = snapshot->catalog.service(r.service_id);
  if (!service || !service->active || (location && service->location_id != location->id))
    errors.push_back({"service", "unknown", "No such service at this location."});
  const auto wish = check_waitlist_wish(r, errors);
  check_waitlist_contact(r.contact, errors);
  if (r.language.empty()) r.language = "de";
  if (std::find(waitlist_languages.begin(), waitlist_languages.end(), r.language) == waitlist_languages.end())
    errors.push_back({"language", "unsupported", "Use one of de, en, uk, ar, tr, ru."});
  if (!errors.empty()) return invalid(std::move(errors));

  WaitlistEntry e;
  e.id = random_nonce();
  e.token_nonce = random_nonce();
  e.location_id = location->id;
  e.service_id = service->id;
  e.wish = *wish;
  e.contact = r.contact;
  e.language = r.language;
  e.joined_at = e.changed_at = clock_.now();
  store_.write([&](store::WriteTx& tx) {
    tx.insert_waitlist_entry(e);
    enqueue_waitlist_joined(tx, e, snapshot->catalog, e.joined_at, policy_);
  });
  return WaitlistJoined{e, waitlist_token(policy_.secret, e)};
}

Result<WaitlistView> Waitlist::view(const Id& id, std::string_view token) const {
  auto entry = authorise_entry(store_.waitlist_entry(id), token, policy_.secret);
  if (!entry) return tl::unexpected(entry.error());
  WaitlistView v{std::move(*entry), std::nullopt};
  v.held = held_appointment(store_, *catalogs_.current(), v.entry);
  return v;
}

Result<WaitlistEntry> Waitlist::leave(const Id& id, std::string_view token) {
  Result<WaitlistEntry> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    result = authorise_entry(tx.waitlist_entry(id), token, policy_.secret);
    if (!result || result->status == WaitlistStatus::left) return;
    const Instant now = clock_.now();
    const WaitlistStatus was = result->status;
    if (was != WaitlistStatus::waiting && was != WaitlistStatus::offered) {
      result = fail(ErrorKind::not_changeable, "This waitlist entry is closed already.");
      return;
    }
    std::optional<Appointment> held;
    if (was == WaitlistStatus::offered) held = tx.appointment_by_id(result->appointment_id);
    result->status = WaitlistStatus::left;
    result->appointment_id.clear();
    result->hold_until.reset();
    result->changed_at = now;
    if (!tx.change_waitlist_entry(*result, was)) throw std::logic_error("waitlist entry changed under its row lock");
    // A time held for someone who leaves goes on to the next in line.
    if (held && held->status == AppointmentStatus::held) {
      held->status = AppointmentStatus::cancelled;
      tx.update_appointment(*held);
      offer_freed_time(tx, *catalogs_.current(), *held, now, policy_);
    }
  });
  return result;
}

Result<Booked> Waitlist::accept(const Id& id, std::string_view token) {
  Result<Booked> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    auto entry = authorise_entry(tx.waitlist_entry(id), token, policy_.secret);
    if (!entry) {
      result = tl::unexpected(entry.error());
      return;
    }
    const Instant now = clock_.now();
    if (entry->status != WaitlistStatus::offered || !entry->hold_until || *entry->hold_until <= now) {
      result = fail(ErrorKind::not_changeable, "This offer is no longer open.");
      return;
    }
    auto held = tx.appointment_by_id(entry->appointment_id);
    if (!held || held->status != AppointmentStatus::held) {
      // The office took the time back (an absence re-plan cancelled it): the entry keeps its place.
      WaitlistEntry back = *entry;
      back.status = WaitlistStatus::waiting;
      back.appointment_id.clear();
      back.hold_until.reset();
      back.changed_at = now;
      tx.change_waitlist_entry(back, WaitlistStatus::offered);
      result = fail(ErrorKind::not_changeable, "This offer is no longer open.");
      return;
    }
    WaitlistEntry booked = *entry;
    booked.status = WaitlistStatus::booked;
    booked.hold_until.reset();
    booked.changed_at = now;
    if (!tx.change_waitlist_entry(booked, WaitlistStatus::offered)) {
      result = fail(ErrorKind::not_changeable, "This offer is no longer open.");
      return;
    }
    const std::string nonce = random_nonce();
    const std::string manage = manage_token(policy_.secret, nonce);
    held->status = AppointmentStatus::booked;
    held->manage_token_hash = sha256_hex(manage);
    held->created_at = now;
    tx.update_appointment(*held);
    enqueue_booking_mail(tx, BookingMailKind::confirmed, *held, catalogs_.current()->catalog, manage, now,
                         {policy_.public_url});
    result = Booked{*held, manage, false};
  });
  return result;
}

}  // namespace amt::app
