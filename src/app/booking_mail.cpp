// Wording of the booking mails, in the booking's language: every sentence is an English msgid of
// the same gettext catalogs as the web pages (web/locale/*.po), so translators work in one place.
#include "app/booking_mail.hpp"

#include "app/appointment_ics.hpp"
#include "app/i18n.hpp"
#include "app/mail_words.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

using Words = MailWords;

std::string subject(const Words& w, BookingMailKind kind, const Appointment& a, Zone z) {
  const std::string_view pattern =
      kind == BookingMailKind::confirmed ? "Your appointment on {date} at {time} – booking code {code}"
      : kind == BookingMailKind::rescheduled
          ? "Your appointment was moved: {date} at {time} – booking code {code}"
          : "Your appointment on {date} at {time} is cancelled – booking code {code}";
  return fill(w(pattern), {{"date", short_date(w.lang, local_date(z, a.start))},
                           {"time", german_time(a.start, z)},
                           {"code", a.code}});
}

std::string manage_link(const MailSite& site, const Appointment& a, const std::string& token) {
  std::string base = site.public_url;
  while (base.ends_with('/')) base.pop_back();
  // The token is base64url and the code uses letters and digits: neither needs percent-encoding.
  return base + "/manage?code=" + a.code + "&token=" + token;
}

std::string intro(const Words& w, BookingMailKind kind) {
  if (kind == BookingMailKind::confirmed) return w("Your appointment is booked.");
  if (kind == BookingMailKind::rescheduled)
    return w("Your appointment was moved. Only this time is valid now:");
  return w("Your appointment is cancelled. You do not need to do anything more.");
}

std::string body(const Words& w, BookingMailKind kind, const BookingMailFacts& f, const MailSite& site,
                 Zone z) {
  const Appointment& a = f.appointment;
  std::string s = fill(w("Hello {name},"), {{"name", a.contact.name}}) + "\n\n" + intro(w, kind) + "\n\n";
  s += w("Concern") + ": " + w.data(f.service.name) + "\n";
  s += w("When") + ": " +
       fill(w("{date}, {start} to {end}"), {{"date", w.translations.format_date(w.lang, a.start, z)},
                                            {"start", german_time(a.start, z)},
                                            {"end", german_time(a.end, z)}}) +
       "\n";
  s += w("Where") + ": " + f.location.name + ", " + f.location.address + "\n";
  s += w("Booking code") + ": " + a.code + "\n";
  if (kind != BookingMailKind::cancelled) s += w("The picture attached to this e-mail is your booking code as a QR code: show it at the entrance to check in.") + "\n";
  if (kind != BookingMailKind::cancelled && !f.service.documents.empty()) {
    s += "\n" + w("Please bring (or upload beforehand):") + "\n";
    for (const auto& d : f.service.documents) s += "- " + w.data(d) + "\n";
  }
  if (kind != BookingMailKind::cancelled && !f.manage_token.empty()) {
    s +=
        "\n" +
        w("Your appointment with the QR code for checking in: see, move or cancel it, or upload documents:") +
        "\n" + manage_link(site, a, f.manage_token) + "\n\n";
    s += w("If you cannot come, please cancel the appointment. Then someone else gets the time.") + "\n";
  }
  if (kind == BookingMailKind::cancelled)
    s += "\n" + w("You can book a new appointment online at any time:") + "\n" + site.public_url + "\n";
  s += "\n" + f.location.name + "\n";
  if (!f.location.phone.empty()) s += w("Phone") + ": " + f.location.phone + "\n";
  s += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
  return s;
}

std::string_view kind_name(BookingMailKind kind) {
  switch (kind) {
    case BookingMailKind::confirmed:
      return "booking_confirmed";
    case BookingMailKind::rescheduled:
      return "booking_rescheduled";
    case BookingMailKind::cancelled:
      return "booking_cancelled";
  }
  return "booking_confirmed";
}

}  // namespace

std::string german_time(Instant t, Zone z) { return date::format("%H:%M", to_local(z, t)); }

store::OutboxMessage booking_mail(BookingMailKind kind, const BookingMailFacts& f, const MailSite& site,
                                  std::string id) {
  const Appointment& a = f.appointment;
  const Zone z = zone(f.location.time_zone);
  const Words w = MailWords::for_appointment(a);
  store::OutboxMessage m;
  m.id = std::move(id);
  m.channel = "email";
  m.kind = kind_name(kind);
  m.appointment_id = a.id;
  m.recipient = a.contact.email;
  m.subject = subject(w, kind, a, z);
  m.body = body(w, kind, f, site, z);
  m.attachment_name = "termin-" + a.code + ".ics";
  m.attachment_type = std::string("text/calendar; charset=UTF-8; method=") +
                      (kind == BookingMailKind::cancelled ? "CANCEL" : "PUBLISH");
  m.attachment = appointment_ics(a, f.location, f.service, host_of(site.public_url), f.now);
  // The same QR code as on the confirmation page, for checking in; a cancelled booking has none.
  if (kind != BookingMailKind::cancelled) m.qr_text = a.code;
  m.not_before = f.now;
  m.created_at = f.now;
  return m;
}

bool enqueue_booking_mail(store::WriteTx& tx, BookingMailKind kind, const Appointment& a,
                          const Catalog& catalog, std::string manage_token, Instant now,
                          const MailSite& site) {
  if (a.contact.email.empty()) return false;
  Location location;
  location.id = location.name = a.location_id;
  Service service;
  service.id = service.name = a.service_id;
  const Location* l = catalog.location(a.location_id);
  const Service* s = catalog.service(a.service_id);
  return tx.enqueue_outbox(booking_mail(
      kind, {a, l ? *l : location, s ? *s : service, std::move(manage_token), now}, site, random_nonce()));
}

}  // namespace amt::app
