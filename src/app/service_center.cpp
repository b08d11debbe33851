// Booking, finding and changing bookings for callers. Finding asks the store, whose indexes on
// code, phone key, customer number and name suffixes (migration 017) answer each kind directly.
#include "app/service_center.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/contact.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"
#include "core/search_keys.hpp"
#include "core/text.hpp"

namespace amt::app {

namespace {

// What the caller said, as the keys of every kind of booking it could name.
store::AppointmentSearch search_for(std::string_view text) {
  store::AppointmentSearch s;
  const std::string t = trim(text);
  if (is_booking_code(ascii_upper(t))) s.code = ascii_upper(t);
  if (const auto phone = normalize_phone(t)) s.phone_key = phone_search_key(*phone);
  s.customer_key = ascii_lower(t);
  if (t.size() >= min_name_search_bytes) s.name_part = ascii_lower(t);
  return s;
}

}  // namespace

Result<Booked> ServiceCenter::book(const StaffAccount& agent, BookingRequest request, Confirmation confirmation) {
  request.channel = Channel::phone;
  const auto phone = normalize_phone(request.contact.phone);
  if (confirmation == Confirmation::sms && !phone)
    return invalid({{"contact.phone", "required", "A mobile number is needed for a confirmation by SMS."}});
  // The audit entry and the SMS are written in the booking's transaction: a crash cannot keep the
  // booking and lose either of them, and a refused booking writes neither.
  const auto snapshot = catalogs_.current();
  const Location* l = snapshot->catalog.location(request.location_id);
  const Zone z = zone(l ? l->time_zone : "Europe/Berlin");
  auto booked = bookings_.book(request, [&](store::WriteTx& tx, const Appointment& a) {
    const Instant now = clock_.now();
    tx.append_audit({0, now, agent.id, agent.login, "appointment.book_for_caller", "appointment", a.id,
                     "code " + a.code});
    if (confirmation == Confirmation::sms) tx.enqueue_outbox(booking_confirmed_sms(a, *phone, z, now));
  });
  return booked;
}

std::vector<Appointment> ServiceCenter::find(const StaffAccount& agent, std::string_view text) {
  if (trim(text).empty()) return {};
  store::AppointmentSearch search = search_for(text);
  for (const Location& l : catalogs_.current()->catalog.locations)
    if (may_see_personal_data(agent.roles, agent.location_id, l.id)) search.location_ids.push_back(l.id);
  const Instant now = clock_.now();
  search.from = now - std::chrono::days(7);
  search.to = now + std::chrono::days(366);
  search.limit = 50;
  std::vector<Appointment> found = store_.find_appointments(search);
  std::vector<const Appointment*> shown;
  for (const auto& a : found) shown.push_back(&a);
  audit_read(agent, shown, "search");
  return found;
}

std::optional<Appointment> ServiceCenter::open(const StaffAccount& agent, std::string_view code) {
  const std::string c = ascii_upper(trim(code));
  if (!is_booking_code(c)) return std::nullopt;
  auto a = store_.appointment_by_code(c);
  if (!a || !may_see_personal_data(agent.roles, agent.location_id, a->location_id)) return std::nullopt;
  audit_read(agent, {&*a}, "opened by code");
  return a;
}

Result<std::pair<Appointment, std::string>> ServiceCenter::access(const StaffAccount& agent, std::string_view code) {
  auto a = open(agent, code);
  if (!a) return fail(ErrorKind::not_found, "No booking with this code.");
  const std::string& contact = a->contact.email.empty() ? a->contact.phone : a->contact.email;
  auto token = bookings_.access_by_contact(a->code, contact);
  if (!token) return tl::unexpected(token.error());
  return std::pair{std::move(*a), std::move(*token)};
}

Result<Appointment> ServiceCenter::cancel(const StaffAccount& agent, std::string_view code) {
  auto found = access(agent, code);
  if (!found) return tl::unexpected(found.error());
  auto done = bookings_.cancel(found->first.code, found->second);
  if (!done) return done;
  store_.write([&](store::WriteTx& tx) {
    tx.append_audit({0, clock_.now(), agent.id, agent.login, "appointment.cancel_for_caller", "appointment",
                     done->id, "code " + done->code});
  });
  return done;
}

Result<Appointment> ServiceCenter::reschedule(const StaffAccount& agent, std::string_view code,
                                              std::string_view start) {
  auto found = access(agent, code);
  if (!found) return tl::unexpected(found.error());
  auto moved = bookings_.reschedule(found->first.code, found->second, start);
  if (!moved) return moved;
  store_.write([&](store::WriteTx& tx) {
    tx.append_audit({0, clock_.now(), agent.id, agent.login, "appointment.reschedule_for_caller", "appointment",
                     moved->id, "code " + moved->code + ", to " + format_rfc3339_utc(moved->start)});
  });
  return moved;
}

void ServiceCenter::audit_read(const StaffAccount& agent, const std::vector<const Appointment*>& shown,
                               std::string_view how) {
  if (shown.empty()) return;
  const Instant now = clock_.now();
  store_.write([&](store::WriteTx& tx) {
    for (const Appointment* a : shown)
      tx.append_audit({0, now, agent.id, agent.login, "appointment.read", "appointment", a->id, std::string(how)});
  });
}

}  // namespace amt::app
