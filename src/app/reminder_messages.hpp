// The reminder a citizen gets before an appointment (issue #8 item 1), as outbox rows: the e-mail
// in the booking's language, the SMS in it where the catalogs translate it (else German). Each one
// carries the manage link, a one-tap cancel link and the opt-out link for its own channel.
#pragma once

#include <string>

#include "core/model.hpp"
#include "core/reminders.hpp"
#include "store/store.hpp"

namespace amt::app {

// The links a reminder carries, absolute (public_url + path + token).
struct ReminderLinks {
  std::string manage;
  std::string cancel;
  std::string stop;  // no more reminders on this message's channel
};

// The paths on the citizen site (web/citizen/reminder_pages.cpp serves them).
std::string reminder_cancel_path(std::string_view code);
std::string reminder_stop_path(std::string_view code, ReminderChannel channel);
// public_url + path + "?token=" + token (the code and the base64url token need no escaping).
std::string reminder_link(std::string_view public_url, const std::string& path, const std::string& token);

struct ReminderFacts {
  const Appointment& appointment;
  const Location& location;
  const Service& service;
  ReminderLinks links;
  Instant now;
};

// dedupe key "reminder:<channel>:<appointment>:<start>": one row per channel and start, whatever
// server or run queues it (the claim in appointment_reminders is the first guard, this the second).
store::OutboxMessage reminder_mail(const ReminderFacts& facts, std::string id);
store::OutboxMessage reminder_sms(const ReminderFacts& facts, std::string recipient);

// Takes back the reminders queued for a booking and not handed to a worker yet, in the write that
// cancels or moves it: they name a time that no longer holds. A moved booking is reminded again
// for its new start by the next run. Returns how many were withdrawn.
int withdraw_reminders(store::WriteTx& tx, const Appointment& appointment, Instant now);

}  // namespace amt::app
