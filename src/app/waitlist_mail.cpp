// Wording of the waitlist's messages: English msgids of the web catalogs (web/locale/*.po), in the
// entry's language, like the booking mails.
#include "app/waitlist_mail.hpp"

#include "app/booking_mail.hpp"
#include "app/mail_words.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"

namespace amt::app {

namespace {

std::string waitlist_when(const MailWords& w, Instant start, Instant end, Zone z) {
  return fill(w("{date}, {start} to {end}"), {{"date", w.translations.format_date(w.lang, start, z)},
                                              {"start", german_time(start, z)},
                                              {"end", german_time(end, z)}});
}

std::string waitlist_until(const MailWords& w, Instant until, Zone z) {
  return w.translations.format_date(w.lang, until, z) + " " + german_time(until, z);
}

store::OutboxMessage waitlist_mail_row(std::string kind, const WaitlistEntry& entry, const Id& appointment_id,
                                       std::string subject, std::string body, Instant now) {
  store::OutboxMessage m;
  m.id = random_nonce();
  m.channel = "email";
  m.kind = std::move(kind);
  m.appointment_id = appointment_id;
  m.recipient = entry.contact.email;
  m.subject = std::move(subject);
  m.body = std::move(body);
  m.not_before = now;
  m.created_at = now;
  return m;
}

}  // namespace

void enqueue_waitlist_offer(store::WriteTx& tx, const WaitlistEntry& entry, const Appointment& held,
                            const Target& target, Instant now, const WaitlistPolicy& policy) {
  const MailWords w = MailWords::for_appointment(held);
  const Zone z = target.planner->zone();
  const std::string link = waitlist_link(policy, entry) + "#offer";
  const std::string until = waitlist_until(w, *entry.hold_until, z);
  if (!entry.contact.email.empty()) {
    std::string body = fill(w("Hello {name},"), {{"name", entry.contact.name}}) + "\n\n";
    body += w("A time has become free that fits your request on the waitlist. We hold it for you until:") + " " +
            until + "\n\n";
    body += w("Concern") + ": " + w.data(target.service->name) + "\n";
    body += w("When") + ": " + waitlist_when(w, held.start, held.end, z) + "\n";
    body += w("Where") + ": " + target.location->name + ", " + target.location->address + "\n\n";
    body += w("To book this time, open the link and press the button:") + "\n" + link + "\n\n";
    body += w("If you do not book it in time, the time goes to the next person and your request ends.") + "\n";
    body += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
    const std::string subject = fill(w("A time for you: {date} at {time}"),
                                     {{"date", w.translations.format_date(w.lang, held.start, z)},
                                      {"time", german_time(held.start, z)}});
    tx.enqueue_outbox(waitlist_mail_row("waitlist_offer", entry, held.id, subject, body, now));
  }
  if (is_mobile_number(entry.contact.phone)) {
    const std::string text = fill(w("Jobcenter: a time for you on {date} at {time}, held until {until}. Book it: {link}"),
                                  {{"date", w.translations.format_date(w.lang, held.start, z)},
                                   {"time", german_time(held.start, z)},
                                   {"until", until},
                                   {"link", link}});
    tx.enqueue_outbox(sms_message("waitlist_offer", held, entry.contact.phone, text, now,
                                  "sms:waitlist_offer:" + held.id));
  }
}

void enqueue_waitlist_joined(store::WriteTx& tx, const WaitlistEntry& entry, const Catalog& catalog, Instant now,
                             const WaitlistPolicy& policy) {
  if (entry.contact.email.empty()) return;
  const MailWords w{Translations::builtin(), is_supported_language(entry.language) ? entry.language : "de"};
  const Location* location = catalog.location(entry.location_id);
  const Service* service = catalog.service(entry.service_id);
  std::string body = fill(w("Hello {name},"), {{"name", entry.contact.name}}) + "\n\n";
  body += w("You are on the waitlist. When a time that suits you becomes free, we hold it for you and tell you "
            "by e-mail or text message.") + "\n\n";
  if (service) body += w("Concern") + ": " + w.data(service->name) + "\n";
  if (location) body += w("Where") + ": " + location->name + ", " + location->address + "\n";
  body += "\n" + w("See your request or leave the waitlist:") + "\n" + waitlist_link(policy, entry) + "\n";
  body += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
  tx.enqueue_outbox(waitlist_mail_row("waitlist_joined", entry, "", w("You are on the waitlist"), body, now));
}

void enqueue_waitlist_lapsed(store::WriteTx& tx, const WaitlistEntry& entry, const Appointment& held,
                             const Catalog& catalog, Instant now, const WaitlistPolicy& policy) {
  if (entry.contact.email.empty()) return;
  const MailWords w = MailWords::for_appointment(held);
  const Location* location = catalog.location(held.location_id);
  const Zone z = zone(location ? location->time_zone : "Europe/Berlin");
  std::string body = fill(w("Hello {name},"), {{"name", entry.contact.name}}) + "\n\n";
  body += w("The time we held for you was not booked in time and went to the next person on the waitlist:") +
          " " + waitlist_when(w, held.start, held.end, z) + "\n\n";
  body += w("Your request on the waitlist has ended. You can book online or join the waitlist again at any time:") +
          "\n" + policy.public_url + "\n";
  body += "\n-- \n" + w("This e-mail was sent automatically. Please do not reply to it.") + "\n";
  tx.enqueue_outbox(
      waitlist_mail_row("waitlist_lapsed", entry, held.id, w("The time held for you has gone to the next person"), body, now));
}

}  // namespace amt::app
