// Wording of the booking mails. All sentences sit in one struct per language, so a translator
// (or the gettext catalogs of the web pages, once merged) fills in one place.
#include "app/booking_mail.hpp"

#include <array>

#include "app/appointment_ics.hpp"

namespace amt::app {
namespace {

struct Wording {
  std::string_view subject_confirmed;    // {when} {code}
  std::string_view subject_rescheduled;
  std::string_view subject_cancelled;
  std::string_view greeting;             // followed by the name and a comma
  std::string_view intro_confirmed;
  std::string_view intro_rescheduled;
  std::string_view intro_cancelled;
  std::string_view label_service, label_when, label_where, label_code, label_bring;
  std::string_view time_suffix;          // "Uhr"
  std::string_view to;                   // "bis"
  std::string_view manage;
  std::string_view please_cancel;
  std::string_view rebook;
  std::string_view phone;
  std::string_view automatic;
};

constexpr Wording german{
    "Ihr Termin am {when} – Buchungscode {code}",
    "Ihr Termin wurde verschoben: {when} – Buchungscode {code}",
    "Ihr Termin am {when} ist abgesagt – Buchungscode {code}",
    "Guten Tag",
    "Ihr Termin ist gebucht.",
    "Ihr Termin wurde verschoben. Es gilt nur noch diese Zeit:",
    "Ihr Termin ist abgesagt. Sie müssen nichts mehr tun.",
    "Anliegen",
    "Wann",
    "Wo",
    "Buchungscode",
    "Bitte bringen Sie mit (oder laden Sie es vorher hoch):",
    "Uhr",
    "bis",
    "Termin ansehen, verschieben, absagen oder Unterlagen hochladen:",
    "Wenn Sie nicht kommen können, sagen Sie den Termin bitte ab. Dann bekommt jemand anderes die Zeit.",
    "Einen neuen Termin können Sie jederzeit online buchen:",
    "Telefon",
    "Diese E-Mail wurde automatisch verschickt. Bitte antworten Sie nicht darauf.",
};

// Only German so far: every language gets it until translations are added here.
const Wording& wording(std::string_view /*language*/) { return german; }

constexpr std::array<std::string_view, 7> weekdays = {"Montag", "Dienstag", "Mittwoch", "Donnerstag",
                                                      "Freitag", "Samstag", "Sonntag"};
constexpr std::array<std::string_view, 12> months = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                                     "Juli",   "August",  "September", "Oktober", "November", "Dezember"};

std::string replace(std::string_view pattern, std::string_view key, std::string_view value) {
  std::string s(pattern);
  if (const auto at = s.find(key); at != std::string::npos) s.replace(at, key.size(), value);
  return s;
}

std::string subject(const Wording& w, BookingMailKind kind, const std::string& when, const std::string& code) {
  const std::string_view pattern = kind == BookingMailKind::confirmed     ? w.subject_confirmed
                                   : kind == BookingMailKind::rescheduled ? w.subject_rescheduled
                                                                          : w.subject_cancelled;
  return replace(replace(pattern, "{when}", when), "{code}", code);
}

std::string manage_link(const MailSite& site, const Appointment& a, const std::string& token) {
  std::string base = site.public_url;
  while (base.ends_with('/')) base.pop_back();
  // The token is base64url and the code uses letters and digits: neither needs percent-encoding.
  return base + "/manage?code=" + a.code + "&token=" + token;
}

std::string body(const Wording& w, BookingMailKind kind, const BookingMailFacts& f, const MailSite& site, Zone z) {
  const Appointment& a = f.appointment;
  std::string s = std::string(w.greeting) + " " + a.contact.name + ",\n\n";
  s += kind == BookingMailKind::confirmed     ? w.intro_confirmed
       : kind == BookingMailKind::rescheduled ? w.intro_rescheduled
                                              : w.intro_cancelled;
  s += "\n\n";
  s += std::string(w.label_service) + ": " + f.service.name + "\n";
  s += std::string(w.label_when) + ": " + german_long_date(a.start, z) + ", " + german_time(a.start, z) + " " +
       std::string(w.to) + " " + german_time(a.end, z) + " " + std::string(w.time_suffix) + "\n";
  s += std::string(w.label_where) + ": " + f.location.name + ", " + f.location.address + "\n";
  s += std::string(w.label_code) + ": " + a.code + "\n";
  if (kind != BookingMailKind::cancelled && !f.service.documents.empty()) {
    s += "\n" + std::string(w.label_bring) + "\n";
    for (const auto& d : f.service.documents) s += "- " + d + "\n";
  }
  if (kind != BookingMailKind::cancelled && !f.manage_token.empty()) {
    s += "\n" + std::string(w.manage) + "\n" + manage_link(site, a, f.manage_token) + "\n\n";
    s += std::string(w.please_cancel) + "\n";
  }
  if (kind == BookingMailKind::cancelled) s += "\n" + std::string(w.rebook) + "\n" + site.public_url + "\n";
  s += "\n" + f.location.name + "\n";
  if (!f.location.phone.empty()) s += std::string(w.phone) + ": " + f.location.phone + "\n";
  s += "\n-- \n" + std::string(w.automatic) + "\n";
  return s;
}

std::string_view kind_name(BookingMailKind kind) {
  switch (kind) {
    case BookingMailKind::confirmed: return "booking_confirmed";
    case BookingMailKind::rescheduled: return "booking_rescheduled";
    case BookingMailKind::cancelled: return "booking_cancelled";
  }
  return "booking_confirmed";
}

}  // namespace

std::string german_long_date(Instant t, Zone z) {
  const LocalDate day = local_date(z, t);
  const date::year_month_day ymd{day};
  return std::string(weekdays[weekday_index(day)]) + ", " + std::to_string(static_cast<unsigned>(ymd.day())) +
         ". " + std::string(months[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string german_time(Instant t, Zone z) { return date::format("%H:%M", to_local(z, t)); }

store::OutboxMessage booking_mail(BookingMailKind kind, const BookingMailFacts& f, const MailSite& site,
                                  std::string id) {
  const Appointment& a = f.appointment;
  const Zone z = zone(f.location.time_zone);
  const Wording& w = wording(a.language);
  store::OutboxMessage m;
  m.id = std::move(id);
  m.channel = "email";
  m.kind = kind_name(kind);
  m.appointment_id = a.id;
  m.recipient = a.contact.email;
  const std::string when = date::format("%d.%m.%Y", local_date(z, a.start)) + " " + german_time(a.start, z) +
                           " " + std::string(w.time_suffix);
  m.subject = subject(w, kind, when, a.code);
  m.body = body(w, kind, f, site, z);
  m.attachment_name = "termin-" + a.code + ".ics";
  m.attachment_type = std::string("text/calendar; charset=UTF-8; method=") +
                      (kind == BookingMailKind::cancelled ? "CANCEL" : "PUBLISH");
  m.attachment = appointment_ics(a, f.location, f.service, host_of(site.public_url), f.now);
  m.not_before = f.now;
  m.created_at = f.now;
  return m;
}

}  // namespace amt::app
