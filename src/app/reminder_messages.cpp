// Wording of the reminders: English msgids of the web catalogs (web/locale/*.po), as the booking
// mails; the SMS falls back to German for a language its text has no translation in.
#include "app/reminder_messages.hpp"

#include "app/booking_mail.hpp"
#include "app/i18n.hpp"
#include "app/mail_words.hpp"
#include "app/sms.hpp"

namespace amt::app {
namespace {

std::string reminder_dedupe_key(ReminderChannel channel, const Appointment& a) {
  return "reminder:" + std::string(to_string(channel)) + ":" + a.id + ":" +
         std::to_string(a.start.time_since_epoch().count());
}

std::string reminder_body(const MailWords& w, const ReminderFacts& f, Zone z) {
  const Appointment& a = f.appointment;
  std::string s = fill(w("Hello {name},"), {{"name", a.contact.name}}) + "\n\n";
  s += w("This is a reminder of your appointment.") + "\n\n";
  s += w("Concern") + ": " + w.data(f.service.name) + "\n";
  s += w("When") + ": " +
       fill(w("{date}, {start} to {end}"), {{"date", w.translations.format_date(w.lang, a.start, z)},
                                            {"start", german_time(a.start, z)},
                                            {"end", german_time(a.end, z)}}) +
       "\n";
  s += w("Where") + ": " + f.location.name + ", " + f.location.address + "\n";
  s += w("Booking code") + ": " + a.code + "\n";
  s += w("The picture attached to this e-mail is your booking code as a QR code: show it at the entrance to check in.") + "\n";
  if (!f.service.documents.empty()) {
    s += "\n" + w("Please bring (or upload beforehand):") + "\n";
    for (const auto& d : f.service.documents) s += "- " + w.data(d) + "\n";
  }
  s += "\n" + w("Cannot come? Cancel with one tap, then someone else gets the time:") + "\n" + f.links.cancel + "\n\n";
  s += w("Your appointment with the QR code for checking in: see, move or cancel it, or upload documents:") + "\n" +
       f.links.manage + "\n\n";
  s += w("No more reminders by e-mail for this appointment:") + "\n" + f.links.stop + "\n";
  s += "\n" + f.location.name + "\n";
  if (!f.location.phone.empty()) s += w("Phone") + ": " + f.location.phone + "\n";
  s += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
  return s;
}

constexpr std::string_view reminder_sms_msgid =
    "Jobcenter reminder: your appointment on {date} at {time}, booking code {code}. Cancel: {cancel} "
    "Manage: {manage} No more SMS reminders: {stop}";

// The SMS text in the booking's language when the catalog has it, else in German.
std::string reminder_sms_text(const ReminderFacts& f, Zone z) {
  return citizen_sms_text(f.appointment, z, reminder_sms_msgid,
                          {{"code", f.appointment.code},
                           {"cancel", f.links.cancel},
                           {"manage", f.links.manage},
                           {"stop", f.links.stop}});
}

}  // namespace

// Booking codes are letters and digits: nothing to escape.
std::string reminder_cancel_path(std::string_view code) { return "/reminder/" + std::string(code) + "/cancel"; }

std::string reminder_stop_path(std::string_view code, ReminderChannel channel) {
  return "/reminder/" + std::string(code) + "/stop/" + std::string(to_string(channel));
}

std::string reminder_link(std::string_view public_url, const std::string& path, const std::string& token) {
  std::string base(public_url);
  while (base.ends_with('/')) base.pop_back();
  return base + path + "?token=" + token;
}

int withdraw_reminders(store::WriteTx& tx, const Appointment& appointment, Instant now) {
  return tx.withdraw_outbox(appointment.id, "appointment_reminder", now);
}

store::OutboxMessage reminder_mail(const ReminderFacts& f, std::string id) {
  const Appointment& a = f.appointment;
  const Zone z = zone(f.location.time_zone);
  const MailWords w = MailWords::for_appointment(a);
  store::OutboxMessage m;
  m.id = std::move(id);
  m.channel = "email";
  m.kind = "appointment_reminder";
  m.appointment_id = a.id;
  m.recipient = a.contact.email;
  m.subject = fill(w("Reminder: your appointment on {date} at {time} – booking code {code}"),
                   {{"date", short_date(w.lang, local_date(z, a.start))},
                    {"time", german_time(a.start, z)},
                    {"code", a.code}});
  m.body = reminder_body(w, f, z);
  m.qr_text = a.code;  // the check-in QR code, as in the confirmation
  m.dedupe_key = reminder_dedupe_key(ReminderChannel::email, a);
  m.not_before = f.now;
  m.created_at = f.now;
  return m;
}

store::OutboxMessage reminder_sms(const ReminderFacts& f, std::string recipient) {
  return sms_message("appointment_reminder", f.appointment, std::move(recipient),
                     reminder_sms_text(f, zone(f.location.time_zone)), f.now,
                     reminder_dedupe_key(ReminderChannel::sms, f.appointment));
}

}  // namespace amt::app
