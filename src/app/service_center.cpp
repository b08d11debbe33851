// Booking, finding and changing bookings for callers. Finding reads the appointments of every
// location from a week ago to a year ahead and filters them here: simple and exact for one office
// (a few thousand appointments a month); a store-side index is the step up when that grows.
#include "app/service_center.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/contact.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"
#include "core/text.hpp"

namespace amt::app {

namespace {

// What the caller said, and which field of an appointment it can match.
struct Needle {
  std::string code;             // a valid booking code, upper-cased
  std::optional<std::string> phone;
  std::string customer_number;  // lower-cased
  std::string name;             // lower-cased, 3+ bytes
};

Needle needle_for(std::string_view text) {
  Needle n;
  const std::string t = trim(text);
  if (is_booking_code(ascii_upper(t))) n.code = ascii_upper(t);
  n.phone = normalize_phone(t);
  n.customer_number = ascii_lower(t);
  if (t.size() >= 3) n.name = ascii_lower(t);
  return n;
}

bool matches(const Needle& n, const Appointment& a) {
  if (!n.code.empty() && a.code == n.code) return true;
  if (n.phone && !a.contact.phone.empty() && a.contact.phone == *n.phone) return true;
  if (!a.customer_number.empty() && ascii_lower(a.customer_number) == n.customer_number) return true;
  return !n.name.empty() && ascii_lower(a.contact.name).find(n.name) != std::string::npos;
}

}  // namespace

Result<Booked> ServiceCenter::book(const StaffAccount& agent, BookingRequest request, Confirmation confirmation) {
  request.channel = Channel::phone;
  const auto phone = normalize_phone(request.contact.phone);
  if (confirmation == Confirmation::sms && !phone)
    return invalid({{"contact.phone", "required", "A mobile number is needed for a confirmation by SMS."}});
  auto booked = bookings_.book(request);
  if (!booked) return booked;
  const Appointment& a = booked->appointment;
  const Instant now = clock_.now();
  store_.write([&](store::WriteTx& tx) {
    tx.append_audit({0, now, agent.id, agent.login, "appointment.book_for_caller", "appointment", a.id,
                     "code " + a.code});
    if (confirmation != Confirmation::sms) return;
    const Location* l = catalogs_.current()->catalog.location(a.location_id);
    tx.enqueue_outbox(booking_confirmed_sms(a, *phone, zone(l ? l->time_zone : "Europe/Berlin"), now));
  });
  return booked;
}

std::vector<Appointment> ServiceCenter::find(const StaffAccount& agent, std::string_view text) {
  const Needle needle = needle_for(text);
  if (trim(text).empty()) return {};
  const Instant now = clock_.now();
  std::vector<Appointment> found;
  for (const Location& l : catalogs_.current()->catalog.locations) {
    if (!may_see_personal_data(agent.roles, agent.location_id, l.id)) continue;
    for (Appointment& a : store_.appointments(l.id, now - std::chrono::days(7), now + std::chrono::days(366)))
      if (matches(needle, a)) found.push_back(std::move(a));
  }
  std::sort(found.begin(), found.end(), [](const Appointment& x, const Appointment& y) { return x.start < y.start; });
  if (found.size() > 50) found.resize(50);
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
