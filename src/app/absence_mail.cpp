// The mail to a citizen whose appointment cannot be kept because of an absence: the cancellation
// mail (same subject, wording and calendar CANCEL) with the nearest free times for the same concern
// and the link to book one, instead of "you need not do anything more".
#include "app/absence_mail.hpp"

#include <algorithm>
#include <cctype>

#include "app/i18n.hpp"
#include "app/secrets.hpp"
#include "core/responsibility.hpp"

namespace amt::app {
namespace {

// The booking page of the same concern (a service belongs to one location, so both are chosen).
// For a concern bound to the citizen's caseworker the customer number rides along, as it does in
// the booking flow's own links, so the free times are again those of their caseworker and deputies.
std::string booking_link(std::string base, const Appointment& a, const Service& s) {
  while (base.ends_with('/')) base.pop_back();
  // Ids are slugs of letters, digits and dashes: no percent-encoding needed.
  std::string link = base + "/book/" + a.service_id;
  const std::string& cn = a.customer_number;
  const bool plain = !cn.empty() && std::all_of(cn.begin(), cn.end(), [](unsigned char ch) { return std::isalnum(ch); });
  if (s.routing == Routing::responsible && plain) link += "?cn=" + cn;
  return link;
}

std::string offer(const Translations& t, const std::string& lang, const std::vector<Slot>& slots, Zone z,
                  const std::string& link) {
  std::string s = t.translate(lang, "We are sorry: your appointment cannot take place because of a staff absence.");
  s += "\n\n";
  if (slots.empty()) s += t.translate(lang, "Please choose a new time here:");
  else s += t.translate(lang, "The nearest free times for the same concern are:") + "\n";
  for (const Slot& slot : slots)
    s += "- " + t.format_date(lang, slot.start, z) + ", " + german_time(slot.start, z) + "\n";
  if (!slots.empty()) s += "\n" + t.translate(lang, "Choose one of them or another time here:");
  return s + "\n" + link;
}

}  // namespace

std::vector<Slot> nearest_free(const Catalog& catalog, const std::vector<Appointment>& holding, const Appointment& a,
                               Instant now, int count, int held_back_minutes) {
  const Location* l = catalog.location(a.location_id);
  const Service* s = catalog.service(a.service_id);
  if (l == nullptr || s == nullptr || !s->active || count <= 0) return {};
  const Planner planner(catalog, l->id, held_back_minutes);
  SlotQuery q{s->id, local_date(planner.zone(), a.start), local_date(planner.zone(), a.start) + date::days{13}, now, {}};
  if (s->routing == Routing::responsible)
    if (auto who = responsible_staff(catalog, l->id, a.customer_number)) q.responsible_chain = responsibility_chain(catalog, *who);
  std::vector<Slot> out;
  for (const DaySlots& d : planner.free_slots(holding, q))
    for (const Slot& slot : d.slots) {
      if (static_cast<int>(out.size()) == count) return out;
      out.push_back(slot);
    }
  return out;
}

bool enqueue_absence_mail(store::WriteTx& tx, const Appointment& cancelled, const Catalog& catalog,
                          const std::vector<Slot>& alternatives, Instant now, const MailSite& site) {
  const Location* l = catalog.location(cancelled.location_id);
  const Service* s = catalog.service(cancelled.service_id);
  if (cancelled.contact.email.empty() || l == nullptr || s == nullptr) return false;
  store::OutboxMessage m = booking_mail(BookingMailKind::cancelled, {cancelled, *l, *s, "", now}, site, random_nonce());
  const Translations& t = Translations::builtin();
  const std::string lang = is_supported_language(cancelled.language) ? cancelled.language : "de";
  const std::string plain = t.translate(lang, "Your appointment is cancelled. You do not need to do anything more.");
  const std::string text = offer(t, lang, alternatives, zone(l->time_zone), booking_link(site.public_url, cancelled, *s));
  if (const auto at = m.body.find(plain); at != std::string::npos) m.body.replace(at, plain.size(), text);
  else m.body += "\n" + text + "\n";
  m.kind = "absence_cancelled";
  return tx.enqueue_outbox(m);
}

}  // namespace amt::app
