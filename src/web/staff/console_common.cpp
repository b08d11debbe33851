// Shared pieces of the service-center console: concerns, free times, booking display, field errors.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "web/staff/console.hpp"
#include "web/staff/field_errors.hpp"
#include "web/url.hpp"

namespace amt::web::staff::console {

namespace {

const char* status_msgid(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::booked: return "booked";
    case AppointmentStatus::checked_in: return "checked in";
    case AppointmentStatus::called: return "called";
    case AppointmentStatus::in_service: return "in service";
    case AppointmentStatus::done: return "done";
    case AppointmentStatus::cancelled: return "cancelled";
    case AppointmentStatus::no_show: return "did not come";
    case AppointmentStatus::held: return "held for the waitlist";
  }
  return "booked";
}

}  // namespace

std::string status_text(const StaffPage& page, AppointmentStatus s) { return page.t(status_msgid(s)); }

std::vector<const Service*> phone_services(const app::CatalogSnapshot& snapshot, const Id& location) {
  std::vector<const Service*> out;
  for (const Service& s : snapshot.catalog.services)
    if (s.active && allows(s.channels, Channel::phone) && (location.empty() || s.location_id == location))
      out.push_back(&s);
  std::sort(out.begin(), out.end(), [](const Service* a, const Service* b) { return a->name < b->name; });
  return out;
}

std::vector<const Service*> match_concern(const std::vector<const Service*>& services, std::string_view typed) {
  const std::string t = ascii_lower(typed);
  if (t.empty()) return {};
  for (const Service* s : services)
    if (s->id == typed || ascii_lower(s->name) == t) return {s};
  std::vector<const Service*> out;
  for (const Service* s : services)
    if (ascii_lower(s->name).find(t) != std::string::npos || ascii_lower(s->group).find(t) != std::string::npos) out.push_back(s);
  return out;
}

When when(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Id& location, Instant t) {
  const Location* l = snapshot.catalog.location(location);
  const Zone z = amt::zone(l ? l->time_zone : "Europe/Berlin");
  const app::Translations& tr = app::Translations::builtin();
  return {tr.format_date(page.lang(), t, z), tr.format_time(t, z)};
}

std::vector<Slot> free_slots(app::Bookings& bookings, const Id& location, const Id& service, std::string from,
                             std::size_t count) {
  std::vector<Slot> out;
  for (int window = 0; window < 4 && out.size() < count; ++window) {
    auto answer = bookings.availability({location, service, from, "", ""});
    if (!answer) break;
    for (const DaySlots& day : answer->days)
      for (const Slot& s : day.slots)
        if (out.size() < count) out.push_back(s);
    from = format_date(answer->to + date::days{1});
  }
  return out;
}

List slot_choices(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Id& location,
                  const std::vector<Slot>& slots) {
  List list;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const When w = when(page, snapshot, location, slots[i].start);
    Data item;
    item.set("start", format_rfc3339_utc(slots[i].start));
    item.set("date", w.date);
    item.set("time", w.time);
    item.set("first", i == 0);
    list.push_back(item);
  }
  return list;
}

Data booking_data(const StaffPage& page, const app::CatalogSnapshot& snapshot, const Appointment& a) {
  const Service* service = snapshot.catalog.service(a.service_id);
  const Location* location = snapshot.catalog.location(a.location_id);
  const When w = when(page, snapshot, a.location_id, a.start);
  Data d;
  d.set("code", a.code);
  d.set("href", booking_path(a.code));
  d.set("date", w.date);
  d.set("time", w.time);
  d.set("service", service ? service->name : a.service_id);
  d.set("location", location ? location->name : a.location_id);
  d.set("status", page.t(status_msgid(a.status)));
  d.set("active", a.status == AppointmentStatus::booked);
  d.set("name", a.contact.name);
  d.set("phone", a.contact.phone);
  d.set("email", a.contact.email);
  d.set("customer_number", a.customer_number);
  d.set("note", a.note);
  return d;
}

void add_field_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors) {
  std::vector<ShownError> shown;
  for (const app::FieldError& e : errors) {
    std::string field = e.field.starts_with("contact.") ? e.field.substr(8) : e.field;
    if (field == "contact") field = "phone";  // "e-mail or phone": shown at the phone field
    std::string message = page.t("Please check this entry.");
    if (field == "name") message = page.t("Enter the caller's name.");
    if (field == "email") message = page.t("Enter an e-mail address like name@example.org.");
    if (field == "phone")
      message = e.field == "contact" ? page.t("Enter a phone number or an e-mail address.")
                                     : page.t("Enter a phone number with 6 to 20 digits.");
    if (field == "customer_number") message = page.t("A customer number has 3 to 20 letters and digits.");
    if (field == "start") message = page.t("This time can no longer be booked. Please choose another time.");
    shown.push_back({field, message});
  }
  show_field_errors(data, shown);
}

std::string booking_path(std::string_view code, std::string_view step) {
  std::string path = "/staff/console/booking/" + percent_encode(code);
  if (!step.empty()) path.append("/").append(step);
  return path;
}

}  // namespace amt::web::staff::console
