// The service center's use cases (Service-Center, issue #4 item 3) on top of Bookings: book for a
// caller on the phone channel, find a caller's bookings, change them. Every time personal data of
// an appointment is shown to a staff member, the audit log records who, which appointment, when.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/booking.hpp"
#include "core/staff_account.hpp"

namespace amt::app {

enum class Confirmation { email, sms };

class ServiceCenter {
 public:
  ServiceCenter(store::Store& store, CatalogHolder& catalogs, Bookings& bookings, const Clock& clock)
      : store_(store), catalogs_(catalogs), bookings_(bookings), clock_(clock) {}

  // Books on the phone channel. Confirmation by e-mail goes out with the booking when an address is
  // given; sms queues a text message in the outbox (channel "sms", delivered by the SMS worker)
  // and needs a mobile number (field error "contact.phone" otherwise).
  Result<Booked> book(const StaffAccount& agent, BookingRequest request, Confirmation confirmation);

  // Bookings from a week ago on whose code, customer number, phone number (+49 or 0049 the same as
  // 0) or name (3+ bytes, any part, ASCII letters in either case) matches text, earliest first, at most 50; only those the account may see, each
  // written to the audit log as read.
  std::vector<Appointment> find(const StaffAccount& agent, std::string_view text);
  // One booking by code, written to the audit log as read; nullopt when unknown or not visible.
  std::optional<Appointment> open(const StaffAccount& agent, std::string_view code);

  Result<Appointment> cancel(const StaffAccount& agent, std::string_view code);
  Result<Appointment> reschedule(const StaffAccount& agent, std::string_view code, std::string_view start);

 private:
  void audit_read(const StaffAccount& agent, const std::vector<const Appointment*>& shown, std::string_view how);
  // The booking if the account may see it, with an access token that Bookings accepts.
  Result<std::pair<Appointment, std::string>> access(const StaffAccount& agent, std::string_view code);

  store::Store& store_;
  CatalogHolder& catalogs_;
  Bookings& bookings_;
  const Clock& clock_;
};

}  // namespace amt::app
