// Text messages to citizens (see sms.hpp).
#include "app/sms.hpp"

#include "app/booking_mail.hpp"
#include "app/i18n.hpp"
#include "app/mail_words.hpp"
#include "app/secrets.hpp"

namespace amt::app {

bool is_mobile_number(std::string_view p) {
  for (std::string_view prefix : {"+4915", "+4916", "+4917", "015", "016", "017"})
    if (p.starts_with(prefix)) return true;
  return p.starts_with("+") && !p.starts_with("+49");
}

store::OutboxMessage sms_message(std::string_view kind, const Appointment& a, std::string recipient, std::string body,
                                 Instant now, std::string dedupe_key) {
  store::OutboxMessage sms;
  sms.id = random_nonce();
  sms.channel = "sms";
  sms.kind = std::string(kind);
  sms.appointment_id = a.id;
  sms.recipient = std::move(recipient);
  sms.body = std::move(body);
  sms.dedupe_key = std::move(dedupe_key);
  sms.not_before = now;
  sms.created_at = now;
  return sms;
}

std::string sms_language(std::string_view booking_language, std::string_view msgid) {
  if (booking_language == "en") return "en";
  if (!is_supported_language(booking_language)) return "de";
  if (Translations::builtin().translate(booking_language, msgid) == msgid) return "de";
  return std::string(booking_language);
}

std::string citizen_sms_text(const Appointment& a, Zone zone, std::string_view msgid,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  const std::string lang = sms_language(a.language, msgid);
  std::string text = fill(Translations::builtin().translate(lang, msgid),
                          {{"date", short_date(lang, local_date(zone, a.start))}, {"time", german_time(a.start, zone)}});
  return fill(std::move(text), values);
}

store::OutboxMessage booking_confirmed_sms(const Appointment& a, std::string recipient, Zone zone, Instant now) {
  return sms_message("booking_confirmed", a, std::move(recipient),
                     citizen_sms_text(a, zone, "Jobcenter: your appointment on {date} at {time} is booked. Booking code: {code}",
                                      {{"code", a.code}}),
                     now, "sms:booking_confirmed:" + a.id);
}

}  // namespace amt::app
