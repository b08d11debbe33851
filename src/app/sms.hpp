// Text messages to a citizen's mobile phone: which numbers can receive one, and the outbox row a
// message becomes (the SMS worker, sms_gateway.hpp, delivers the "sms" channel).
#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"
#include "store/store.hpp"

namespace amt::app {

// German mobile numbers (+49 15x/16x/17x, or 015x/016x/017x) and every foreign number (the office
// cannot tell those apart; a text to a landline is dropped by the gateway). Expects normalize_phone.
bool is_mobile_number(std::string_view normalised_phone);

// An "sms" outbox row about appointment a, due now. dedupe_key: empty, or the key that keeps a
// message to one per appointment (the outbox refuses a second row with it).
store::OutboxMessage sms_message(std::string_view kind, const Appointment& a, std::string recipient, std::string body,
                                 Instant now, std::string dedupe_key = "");

// The confirmation text message of a booking ("Jobcenter: Ihr Termin am 15.03.2027 08:00 Uhr ist
// gebucht. Buchungscode: K7M4QX", the time in zone), at most one per appointment (dedupe key).
store::OutboxMessage booking_confirmed_sms(const Appointment& a, std::string recipient, Zone zone, Instant now);

}  // namespace amt::app
