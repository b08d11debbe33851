// What a citizen does with an existing booking, proven by its manage token: view, cancel,
// reschedule. A wrong token and an unknown code get the same answer, so codes cannot be probed.
#include "app/booking.hpp"
#include "app/booking_mail.hpp"
#include "app/booking_rules.hpp"
#include "app/contact.hpp"
#include "app/reminder_messages.hpp"
#include "app/secrets.hpp"
#include "app/waitlist.hpp"

namespace amt::app {

namespace {

// An access token from access_by_contact: bound to the code and to the current manage token's
// hash, so it is as strong as the manage token and dies with it.
std::string contact_access_token(std::string_view secret, const Appointment& a) {
  return "c" + manage_token(secret, "contact-access:" + a.code + ":" + a.manage_token_hash);
}

Result<Appointment> authorise(std::optional<Appointment> a, std::string_view token, std::string_view secret) {
  if (token.empty()) return fail(ErrorKind::unauthorized, "The manage token is missing.");
  // Both checks always run: which kind of token was given is not visible in the timing.
  const bool by_link = a && equal_constant_time(a->manage_token_hash, sha256_hex(token));
  const bool by_contact = a && equal_constant_time(contact_access_token(secret, *a), token);
  const bool ok = by_link || by_contact;
  if (!ok) return fail(ErrorKind::not_found, "No booking with this code and token.");
  return std::move(*a);
}

bool same_contact(const Appointment& a, std::string_view given) {
  if (given.find('@') != std::string_view::npos) {
    const auto email = normalize_email(given);
    return email && !a.contact.email.empty() && equal_constant_time(a.contact.email, *email);
  }
  const auto phone = normalize_phone(given);
  return phone && !a.contact.phone.empty() && equal_constant_time(a.contact.phone, *phone);
}

Result<void> changeable(const Appointment& a, Instant now) {
  if (a.status != AppointmentStatus::booked)
    return fail(ErrorKind::not_changeable, "This booking can no longer be changed.");
  if (a.start <= now) return fail(ErrorKind::not_changeable, "This appointment has already begun.");
  return {};
}

}  // namespace

Result<Appointment> Bookings::view(std::string_view code, std::string_view token) const {
  if (token.empty()) return fail(ErrorKind::unauthorized, "The manage token is missing.");
  if (!is_booking_code(code)) return fail(ErrorKind::not_found, "No booking with this code and token.");
  return authorise(store_.appointment_by_code(code), token, policy_.secret);
}

Result<std::string> Bookings::access_by_contact(std::string_view code, std::string_view contact) const {
  const std::string normalised_code = trim(code);
  std::optional<Appointment> a;
  if (is_booking_code(normalised_code)) a = store_.appointment_by_code(normalised_code);
  if (!a || !same_contact(*a, contact))
    return fail(ErrorKind::not_found, "No booking with this code and contact.");
  return contact_access_token(policy_.secret, *a);
}

std::string Bookings::link_token(const Appointment& a) const { return contact_access_token(policy_.secret, a); }

Result<Appointment> Bookings::cancel(std::string_view code, std::string_view token) {
  if (token.empty()) return fail(ErrorKind::unauthorized, "The manage token is missing.");
  if (!is_booking_code(code)) return fail(ErrorKind::not_found, "No booking with this code and token.");
  Result<Appointment> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    result = authorise(tx.appointment_by_code(code), token, policy_.secret);
    if (!result || result->status == AppointmentStatus::cancelled) return;
    if (auto ok = changeable(*result, clock_.now()); !ok) {
      result = tl::unexpected(ok.error());
      return;
    }
    result->status = AppointmentStatus::cancelled;
    tx.update_appointment(*result);
    withdraw_reminders(tx, *result, clock_.now());
    const auto snapshot = catalogs_.current();
    enqueue_booking_mail(tx, BookingMailKind::cancelled, *result, snapshot->catalog, "", clock_.now(),
                         {policy_.public_url});
    offer_freed_time(tx, *snapshot, *result, clock_.now(),
                     {policy_.secret, policy_.public_url, policy_.waitlist_hold_minutes});
  });
  return result;
}

Result<Appointment> Bookings::reschedule(std::string_view code, std::string_view token,
                                         std::string_view start) {
  if (token.empty()) return fail(ErrorKind::unauthorized, "The manage token is missing.");
  if (!is_booking_code(code)) return fail(ErrorKind::not_found, "No booking with this code and token.");
  auto current = authorise(store_.appointment_by_code(code), token, policy_.secret);
  if (!current) return current;
  auto snapshot = catalogs_.current();
  auto target = resolve_target(*snapshot, current->location_id, current->service_id, start,
                               current->customer_number, current->contact.name, current->channel);
  if (!target) return tl::unexpected(target.error());

  Result<Appointment> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    const Instant now = clock_.now();
    result = authorise(tx.appointment_by_code(code), token, policy_.secret);
    if (!result) return;
    if (auto ok = changeable(*result, now); !ok) {
      result = tl::unexpected(ok.error());
      return;
    }
    const auto placement = target->planner->place(neighbours(tx, *target, result->id), result->service_id,
                                                  target->start, now, target->responsible_chain);
    if (!placement) {
      result = tl::unexpected(placement_error(placement.error()));
      return;
    }
    apply_moves(tx, placement->moves);
    const Appointment before = *result;
    result->start = target->start;
    result->end = target->end;
    result->staff_id = placement->staff_id;
    tx.update_appointment(*result);
    withdraw_reminders(tx, *result, now);
    enqueue_booking_mail(tx, BookingMailKind::rescheduled, *result, snapshot->catalog, std::string(token),
                         now, {policy_.public_url});
    // The old time is free now: the waitlist's first fitting entry gets it.
    offer_freed_time(tx, *snapshot, before, now, {policy_.secret, policy_.public_url, policy_.waitlist_hold_minutes});
  });
  return result;
}

}  // namespace amt::app
