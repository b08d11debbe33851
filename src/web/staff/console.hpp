// Pieces the service-center console pages share (console_search.cpp, console_bookings.cpp): which
// concerns the phone desk may book, free times as choices, how a booking and its errors are shown.
#pragma once

#include <string>
#include <vector>

#include "app/service_center.hpp"
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff::console {

// Active services that may be booked by phone, at location ("" = any), by name.
std::vector<const Service*> phone_services(const app::CatalogSnapshot& snapshot, const Id& location);
// The services a typed concern means: an exact id or name, else every name containing the text.
std::vector<const Service*> match_concern(const std::vector<const Service*>& services, std::string_view typed);

// "Montag, 15. März 2027" and "08:00" in the location's zone.
struct When {
  std::string date;
  std::string time;
};
When when(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Id& location, Instant t);

// Up to `count` free starts from `from` on ("" = today), searching up to four two-week windows.
std::vector<Slot> free_slots(app::Bookings& bookings, const Id& location, const Id& service, std::string from,
                             std::size_t count);
List slot_choices(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Id& location,
                  const std::vector<Slot>& slots);

// The appointment for display: code, time, concern, place, status, and the caller's data.
Data booking_data(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Appointment& a);
// "booked", "checked in", ... translated.
std::string status_text(const StaffPage& page, AppointmentStatus s);
// Field errors as {field, message} items plus one flag per field ("name_error", ...).
void add_field_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors);

std::string booking_path(std::string_view code, std::string_view step = {});

}  // namespace amt::web::staff::console
