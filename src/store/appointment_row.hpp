// How an appointment row reads back, the same for both backends: one column list, and one reader
// over either backend's row type (anything with text and int64 by column number).
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "core/model.hpp"

// The columns read_appointment expects, in its order (instants are unix seconds).
#define AMT_APPOINTMENT_COLUMNS                                                                 \
  "id, code, location_id, service_id, staff_id, start_utc, end_utc, channel, status, "         \
  "staff_fixed, manage_token_hash, contact_name, contact_email, contact_phone, customer_number, " \
  "note, language, created_at"

// Only the columns the planner reads, for read_appointment_to_plan.
#define AMT_APPOINTMENT_PLANNING_COLUMNS \
  "id, location_id, service_id, staff_id, start_utc, end_utc, status, staff_fixed"

namespace amt::store {

// Which columns appointments_overlapping reads.
enum class AppointmentFields { all, planning };

// The schema caps an appointment at one day, so anything overlapping [from, to) starts after
// from - 1 day: that bound turns the overlap test into a short range scan of the index.
constexpr std::int64_t max_appointment_seconds = 86400;

template <class Row>
Appointment read_appointment(const Row& q) {
  const auto at = [&](int column) { return Instant{std::chrono::seconds{q.int64(column)}}; };
  Appointment a;
  a.id = q.text(0);
  a.code = q.text(1);
  a.location_id = q.text(2);
  a.service_id = q.text(3);
  a.staff_id = q.text(4);
  a.start = at(5);
  a.end = at(6);
  auto channel = channel_from_string(q.text(7));
  auto status = status_from_string(q.text(8));
  if (!channel || !status) throw std::runtime_error("appointment " + a.id + ": unknown channel or status");
  a.channel = *channel;
  a.status = *status;
  a.staff_fixed = q.int64(9) != 0;
  a.manage_token_hash = q.text(10);
  a.contact = {q.text(11), q.text(12), q.text(13)};
  a.customer_number = q.text(14);
  a.note = q.text(15);
  a.language = q.text(16);
  a.created_at = at(17);
  return a;
}

// An appointment with only the planner's fields set (AMT_APPOINTMENT_PLANNING_COLUMNS order).
template <class Row>
Appointment read_appointment_to_plan(const Row& q) {
  Appointment a;
  a.id = q.text(0);
  a.location_id = q.text(1);
  a.service_id = q.text(2);
  a.staff_id = q.text(3);
  a.start = Instant{std::chrono::seconds{q.int64(4)}};
  a.end = Instant{std::chrono::seconds{q.int64(5)}};
  const auto status = status_from_string(q.text(6));
  if (!status) throw std::runtime_error("appointment " + a.id + ": unknown status");
  a.status = *status;
  a.staff_fixed = q.int64(7) != 0;
  return a;
}

}  // namespace amt::store
