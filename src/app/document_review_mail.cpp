// Wording of the document pre-check's mails: English msgids of the web catalogs (web/locale/*.po),
// document names translated as catalog data, the reason as the caseworker chose it.
#include "app/document_review_mail.hpp"

#include "app/booking_mail.hpp"
#include "app/contact.hpp"
#include "app/i18n.hpp"
#include "app/mail_words.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"

namespace amt::app {
namespace {

using Words = MailWords;

// "- Kontoauszüge: cannot be read (too blurred...) – comment"
std::string outstanding_lines(const Words& w, const DocumentStates& states) {
  std::string s;
  for (const RequiredDocument& d : states.required) {
    if (!outstanding(d.status)) continue;
    s += "- " + w.data(d.name) + ": " + w(status_msgid(d.status));
    if (d.review && d.status != DocumentStatus::not_received) {
      const std::string_view reason = reason_msgid(d.review->reason);
      if (!reason.empty()) s += " (" + w(reason) + ")";
      if (!d.review->comment.empty()) s += " – " + d.review->comment;
    }
    s += "\n";
  }
  return s;
}

std::string body(const Words& w, DocumentMailKind kind, const DocumentMailFacts& f, Zone z) {
  const Appointment& a = f.appointment;
  std::string s = fill(w("Hello {name},"), {{"name", a.contact.name}}) + "\n\n";
  s += kind == DocumentMailKind::rejected
           ? w("We have checked the documents for your appointment. Some are still needed:")
           : w("Your appointment is soon. These documents are still missing:");
  s += "\n\n" + outstanding_lines(w, f.states) + "\n";
  s += w("When") + ": " + w.translations.format_date(w.lang, a.start, z) + ", " + german_time(a.start, z) + "\n";
  s += w("Booking code") + ": " + a.code + "\n\n";
  s += w("Please upload them here, or bring them to your appointment:") + "\n" + f.manage_link + "\n";
  s += "\n" + f.location.name + "\n";
  if (!f.location.phone.empty()) s += w("Phone") + ": " + f.location.phone + "\n";
  s += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
  return s;
}

// In the booking's language where the catalogs have it, else German (sms.hpp).
std::string document_sms_text(DocumentMailKind kind, const DocumentMailFacts& f, Zone z) {
  const std::string_view msgid =
      kind == DocumentMailKind::rejected
          ? "Jobcenter: please send more documents (appointment on {date} at {time}, code {code}): {link}"
          : "Jobcenter: documents are still missing (appointment on {date} at {time}, code {code}): {link}";
  return citizen_sms_text(f.appointment, z, msgid, {{"code", f.appointment.code}, {"link", f.manage_link}});
}

const char* kind_name(DocumentMailKind kind) {
  return kind == DocumentMailKind::rejected ? "documents_rejected" : "documents_reminder";
}

}  // namespace

store::OutboxMessage document_mail(DocumentMailKind kind, const DocumentMailFacts& f, std::string id) {
  const Appointment& a = f.appointment;
  const Zone z = zone(f.location.time_zone);
  const Words w = MailWords::for_appointment(a);
  store::OutboxMessage m;
  m.id = std::move(id);
  m.channel = "email";
  m.kind = kind_name(kind);
  m.appointment_id = a.id;
  m.recipient = a.contact.email;
  const std::string pattern = kind == DocumentMailKind::rejected
                                  ? w("Documents for your appointment – booking code {code}")
                                  : w("Reminder: documents still missing – booking code {code}");
  m.subject = fill(pattern, {{"code", a.code}});
  m.body = body(w, kind, f, z);
  m.not_before = f.now;
  m.created_at = f.now;
  if (kind == DocumentMailKind::reminder) m.dedupe_key = "documents_reminder:" + a.id;
  return m;
}

int enqueue_document_mails(store::WriteTx& tx, DocumentMailKind kind, const DocumentMailFacts& f) {
  int queued = 0;
  const Appointment& a = f.appointment;
  if (!a.contact.email.empty() && tx.enqueue_outbox(document_mail(kind, f, random_nonce()))) ++queued;
  const auto phone = normalize_phone(a.contact.phone);
  if (!phone || !is_mobile_number(*phone)) return queued;
  const std::string dedupe_key = kind == DocumentMailKind::reminder ? "sms:documents_reminder:" + a.id : "";
  if (tx.enqueue_outbox(sms_message(kind_name(kind), a, *phone, document_sms_text(kind, f, zone(f.location.time_zone)), f.now,
                                    dedupe_key)))
    ++queued;
  return queued;
}

}  // namespace amt::app
