// Text messages to citizens (see sms.hpp).
#include "app/sms.hpp"

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

}  // namespace amt::app
