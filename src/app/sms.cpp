// Text messages to citizens (see sms.hpp).
#include "app/sms.hpp"

#include <cstdio>

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

namespace {

// "15.03.2027 08:00" in zone.
std::string sms_local_time(Instant t, Zone zone) {
  const auto local = to_local(zone, t);
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char text[64];
  std::snprintf(text, sizeof text, "%02u.%02u.%04d %02d:%02d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()), static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return text;
}

}  // namespace

store::OutboxMessage booking_confirmed_sms(const Appointment& a, std::string recipient, Zone zone, Instant now) {
  return sms_message("booking_confirmed", a, std::move(recipient),
                     "Jobcenter: Ihr Termin am " + sms_local_time(a.start, zone) + " Uhr ist gebucht. Buchungscode: " +
                         a.code,
                     now, "sms:booking_confirmed:" + a.id);
}

}  // namespace amt::app
