// The day view and the preparation mark. Earlier visits come from one read of the location's past
// year, matched by customer number here (as the service center's search does).
#include "app/preparation.hpp"

#include <algorithm>
#include <map>

#include "app/contact.hpp"

namespace amt::app {

namespace {

constexpr std::size_t max_note_chars = 2000;

Instant start_of(Zone z, LocalDate d) { return resolve(z, at(d, hm(0))).earliest; }

bool open_status(AppointmentStatus s) {
  return s == AppointmentStatus::booked || s == AppointmentStatus::checked_in;
}

}  // namespace

std::vector<Appointment> Preparations::past_of_location(const Id& location, Instant before) const {
  return store_.appointments(location, before - std::chrono::days(366), before);
}

Result<DayView> Preparations::day(const StaffAccount& account, const DayFilter& filter) {
  DayView view;
  view.snapshot = catalogs_.current();
  const Catalog& catalog = view.snapshot->catalog;
  const auto location = location_for(account, catalog, filter.location);
  if (!location) return fail(ErrorKind::not_found, "No such location that you may see.");
  view.location = *location;
  const Staff* me = catalog.staff_member(account.staff_id);
  view.whole_team = account.roles.has(Role::team_lead);
  if (view.whole_team) view.team = filter.team == "*" ? "" : !filter.team.empty() ? filter.team : me ? me->team : "";
  const Zone z = zone(catalog.location(*location)->time_zone);
  const Instant now = clock_.now();
  view.today = local_date(z, now);
  const Instant from = start_of(z, view.today);
  for (Appointment& a : store_.appointments(*location, from, start_of(z, view.today + date::days{2}))) {
    if (!holds_time(a.status) || a.start < from) continue;
    if (view.whole_team ? (!view.team.empty() && team_of(catalog, a) != view.team) : (!me || a.staff_id != me->id))
      continue;
    DayEntry e;
    e.service = catalog.service(a.service_id);
    e.staff = catalog.staff_member(a.staff_id);
    e.states = document_states(store_, e.service, a.id);
    e.preparation = store_.preparation(a.id);
    e.appointment = std::move(a);
    view.entries.push_back(std::move(e));
  }
  std::stable_sort(view.entries.begin(), view.entries.end(),
                   [](const DayEntry& x, const DayEntry& y) { return x.appointment.start < y.appointment.start; });
  std::multimap<std::string, const Appointment*> by_customer;
  const auto past = view.entries.empty() ? std::vector<Appointment>{} : past_of_location(*location, from);
  for (const Appointment& p : past)
    if (!p.customer_number.empty() && p.start < from) by_customer.emplace(p.customer_number, &p);
  for (std::size_t i = 0; i < view.entries.size(); ++i) {
    DayEntry& e = view.entries[i];
    if (e.preparation && e.preparation->prepared) ++view.prepared;
    if (!view.next && e.appointment.start >= now && open_status(e.appointment.status)) view.next = i;
    if (e.appointment.customer_number.empty()) continue;
    const auto [lo, hi] = by_customer.equal_range(e.appointment.customer_number);
    for (auto it = lo; it != hi; ++it) e.earlier_visits.push_back(*it->second);
    std::sort(e.earlier_visits.begin(), e.earlier_visits.end(),
              [](const Appointment& x, const Appointment& y) { return x.start > y.start; });
  }
  if (!view.entries.empty()) {
    store_.write([&](store::WriteTx& tx) {
      for (const DayEntry& e : view.entries)
        tx.append_audit({0, now, account.id, account.login, "appointment.read", "appointment", e.appointment.id,
                         "day view"});
    });
  }
  return view;
}

Result<Preparation> Preparations::mark(const StaffAccount& account, std::string_view code, bool prepared,
                                       std::string_view note) {
  const auto a = reviews_.visible(account, code);
  if (!a) return fail(ErrorKind::not_found, "No booking with this code that you may see.");
  const std::string text = trim(note);
  if (!is_valid_utf8(text) || utf8_length(text) > max_note_chars)
    return invalid({{"note", "too_long", "The note can have at most 2000 characters."}});
  const Instant now = clock_.now();
  const Preparation p{a->id, prepared, text, account.id, account.login, now};
  store_.write([&](store::WriteTx& tx) {
    tx.save_preparation(p);
    tx.append_audit({0, now, account.id, account.login, "appointment.prepare", "appointment", a->id,
                     prepared ? "prepared" : "not prepared"});
  });
  return p;
}

}  // namespace amt::app
