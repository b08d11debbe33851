// Text messages to a citizen's mobile phone: which numbers can receive one, and the outbox row a
// message becomes (the SMS worker, sms_gateway.hpp, delivers the "sms" channel).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

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

// The language a text message with msgid goes out in: the booking's language where the catalogs
// (web/locale/*.po) translate msgid, English (the msgid itself), else German.
std::string sms_language(std::string_view booking_language, std::string_view msgid);

// The text of a message about appointment a in sms_language: msgid translated, with {date} and
// {time} (a's start in zone, the date written for that language) and values filled in.
std::string citizen_sms_text(const Appointment& a, Zone zone, std::string_view msgid,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// The confirmation text message of a booking in its language ("Jobcenter: Ihr Termin am 15.03.2027
// um 08:00 Uhr ist gebucht. Buchungscode: K7M4QX", the time in zone), at most one per appointment.
store::OutboxMessage booking_confirmed_sms(const Appointment& a, std::string recipient, Zone zone, Instant now);

}  // namespace amt::app
