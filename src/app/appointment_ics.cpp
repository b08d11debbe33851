// Appointment -> CalendarEvent -> RFC 5545 text, worded in the booking's language (the same
// catalogs as the pages and the mails).
#include "app/appointment_ics.hpp"

#include "app/i18n.hpp"
#include "core/ics.hpp"

namespace amt::app {

std::string host_of(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  if (const auto at = url.find('@'); at != std::string_view::npos && at < url.find('/')) url.remove_prefix(at + 1);
  const auto end = url.find_first_of(":/?#");
  return std::string(url.substr(0, end));
}

std::string appointment_ics(const Appointment& a, const Location& location, const Service& service,
                            std::string_view host, Instant now) {
  CalendarEvent e;
  e.uid = a.code + "@" + (host.empty() ? std::string("amtstermin") : std::string(host));
  e.sequence = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(now - a.created_at).count());
  if (e.sequence < 0) e.sequence = 0;
  e.cancelled = a.status == AppointmentStatus::cancelled;
  e.stamp = now;
  e.start = a.start;
  e.end = a.end;
  e.time_zone = location.time_zone;
  const Translations& t = Translations::builtin();
  const std::string lang = is_supported_language(a.language) ? a.language : std::string("de");
  e.summary = location.name + ": " + t.translate_catalog(lang, service.name);
  e.location = location.name + ", " + location.address;
  e.description = t.translate(lang, "Booking code") + ": " + a.code;
  if (!service.documents.empty()) {
    e.description += "\n" + t.translate(lang, "Please bring") + ":";
    for (const auto& d : service.documents) e.description += "\n- " + t.translate_catalog(lang, d);
  }
  if (!location.phone.empty()) e.description += "\n" + t.translate(lang, "Phone") + ": " + location.phone;
  return calendar_text(e);
}

}  // namespace amt::app
