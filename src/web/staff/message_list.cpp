// Outbox messages as table rows (see message_list.hpp).
#include "web/staff/message_list.hpp"

namespace amt::web::staff {
namespace {

const char* message_kind_msgid(const std::string& kind) {
  if (kind == "booking_confirmed") return "Booking confirmation";
  if (kind == "booking_rescheduled") return "New time";
  if (kind == "booking_cancelled") return "Cancellation";
  if (kind == "absence_cancelled") return "Cancellation (absence)";
  if (kind == "documents_rejected") return "Documents not accepted";
  if (kind == "documents_reminder") return "Documents reminder";
  if (kind == "appointment_reminder") return "Appointment reminder";  // issue #8 item 1
  return nullptr;
}

const char* message_state_msgid(const store::OutboxMessage& m) {
  switch (m.status) {
    case store::OutboxStatus::sent: return "sent";
    case store::OutboxStatus::failed: return "failed";
    case store::OutboxStatus::pending: break;
  }
  return m.attempts == 0 ? "queued" : "queued, will be tried again";
}

std::string message_time(const StaffPage& page, Zone zone, Instant t) {
  const app::Translations& tr = app::Translations::builtin();
  return tr.format_date(page.lang(), t, zone) + ", " + tr.format_time(t, zone);
}

}  // namespace

List message_rows(const StaffPage& page, Zone zone, const std::vector<store::OutboxMessage>& messages) {
  List rows;
  for (const store::OutboxMessage& m : messages) {
    const char* kind = message_kind_msgid(m.kind);
    const Instant at = m.sent_at.value_or(m.created_at);
    Data row;
    row.set("channel", m.channel == "sms" ? std::string("SMS") : page.t("E-mail"));
    row.set("what", kind ? page.t(kind) : m.kind);
    row.set("recipient", m.recipient);
    row.set("state", page.t(message_state_msgid(m)));
    row.set("state_class", std::string(m.status == store::OutboxStatus::sent     ? "sent"
                                       : m.status == store::OutboxStatus::failed ? "failed"
                                                                                 : "queued"));
    row.set("has_error", m.status != store::OutboxStatus::sent && !m.last_error.empty());
    row.set("error", m.last_error);
    row.set("attempts", std::to_string(m.attempts));
    row.set("at", message_time(page, zone, at));
    row.set("at_utc", format_rfc3339_utc(at));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace amt::web::staff
