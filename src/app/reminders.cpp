// The reminder run: select the booked appointments whose reminder may be due (one index range per
// channel), decide each with the timing rule (core/reminders), then claim and queue in batches.
#include "app/reminders.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "app/contact.hpp"
#include "app/reminder_messages.hpp"
#include "app/secrets.hpp"
#include "app/sms.hpp"

namespace amt::app {

struct Reminders::Due {
  Appointment appointment;
  std::optional<store::OutboxMessage> message;  // rendered before the write; none: skip for good
};

namespace {

// The location an appointment names, or a stand-in with its id as name when the catalog no longer
// has it (the reminder still goes out, as the booking mails do).
Location reminder_location(const Catalog& catalog, const Appointment& a) {
  if (const Location* l = catalog.location(a.location_id)) return *l;
  Location stand_in;
  stand_in.id = stand_in.name = a.location_id;
  return stand_in;
}

Service reminder_service(const Catalog& catalog, const Appointment& a) {
  if (const Service* s = catalog.service(a.service_id)) return *s;
  Service stand_in;
  stand_in.id = stand_in.name = a.service_id;
  return stand_in;
}

// The latest start any location's zone can have a due reminder for.
Instant reminder_selection_end(const ReminderRule& rule, ReminderChannel channel, const Catalog& catalog, Instant now) {
  Instant end = reminder_window_end(rule, channel, zone(Location{}.time_zone), now);
  for (const Location& l : catalog.locations) end = std::max(end, reminder_window_end(rule, channel, zone(l.time_zone), now));
  return end;
}

// The number an SMS reminder goes to, or "" when the booking has no mobile number.
std::string reminder_mobile(const Appointment& a) {
  const auto phone = normalize_phone(a.contact.phone);
  return phone && is_mobile_number(*phone) ? *phone : "";
}

// Nothing a rendered reminder says has changed since it was rendered.
bool same_reminder_facts(const Appointment& now, const Appointment& rendered) {
  return now.status == rendered.status && now.start == rendered.start && now.end == rendered.end &&
         now.code == rendered.code && now.location_id == rendered.location_id &&
         now.service_id == rendered.service_id && now.manage_token_hash == rendered.manage_token_hash &&
         now.contact.name == rendered.contact.name && now.contact.email == rendered.contact.email &&
         now.contact.phone == rendered.contact.phone && now.language == rendered.language;
}

}  // namespace

Reminders::Reminders(store::Store& store, CatalogHolder& catalogs, const Clock& clock, const Bookings& bookings,
                     ReminderSettings settings)
    : store_(store), catalogs_(catalogs), clock_(clock), bookings_(bookings), settings_(std::move(settings)) {}

ReminderRun Reminders::run() {
  ReminderRun total;
  if (!settings_.enabled) return total;
  const Instant now = clock_.now();
  for (ReminderChannel channel : {ReminderChannel::email, ReminderChannel::sms}) run_channel(channel, now, total);
  if (total.queued + total.skipped > 0)
    spdlog::info("reminders: {} queued, {} skipped", total.queued, total.skipped);
  return total;
}

void Reminders::run_channel(ReminderChannel channel, Instant now, ReminderRun& total) {
  const auto snapshot = catalogs_.current();
  const Catalog& catalog = snapshot->catalog;
  const Instant until = reminder_selection_end(settings_.rule, channel, catalog, now);
  std::vector<Due> batch;
  for (Appointment& a : store_.reminder_candidates(to_string(channel), now, until, settings_.max_per_run)) {
    const Zone z = zone(reminder_location(catalog, a).time_zone);
    const auto decision = decide_reminder(settings_.rule, channel, z, a.start, a.created_at, now);
    if (decision.kind == ReminderDecision::Kind::wait) continue;
    Due due{std::move(a), std::nullopt};
    if (decision.kind == ReminderDecision::Kind::send) due.message = render(channel, due.appointment, catalog, now);
    batch.push_back(std::move(due));
    if (static_cast<int>(batch.size()) >= settings_.batch) {
      write_batch(channel, batch, now, total);
      batch.clear();
    }
  }
  if (!batch.empty()) write_batch(channel, batch, now, total);
}

// Rendered outside the write transaction, so the (single) SQLite writer is held only for the inserts.
std::optional<store::OutboxMessage> Reminders::render(ReminderChannel channel, const Appointment& a,
                                                      const Catalog& catalog, Instant now) const {
  const std::string mobile = reminder_mobile(a);
  if (channel == ReminderChannel::sms && mobile.empty()) return std::nullopt;  // a landline: skipped
  const Location location = reminder_location(catalog, a);
  const Service service = reminder_service(catalog, a);
  const std::string token = bookings_.link_token(a);
  const std::string& base = bookings_.public_url();
  const ReminderFacts facts{a, location, service,
                            {reminder_link(base, "/manage/" + a.code, token),
                             reminder_link(base, reminder_cancel_path(a.code), token),
                             reminder_link(base, reminder_stop_path(a.code, channel), token)},
                            now};
  return channel == ReminderChannel::email ? reminder_mail(facts, random_nonce()) : reminder_sms(facts, mobile);
}

void Reminders::write_batch(ReminderChannel channel, const std::vector<Due>& batch, Instant now, ReminderRun& total) {
  const std::string channel_name(to_string(channel));
  ReminderRun run;  // set afresh on every run of the transaction
  store_.write([&](store::WriteTx& tx) {
    run = {};
    for (const Due& due : batch) {
      // Changed since the selection (cancelled, moved, new contact, opted out): the next run sees it as it is now.
      const auto current = tx.appointment_by_id(due.appointment.id);
      if (!current || !same_reminder_facts(*current, due.appointment)) continue;
      const auto opted_out = tx.reminder_opt_outs(current->id);
      if (std::find(opted_out.begin(), opted_out.end(), channel_name) != opted_out.end()) continue;
      if (!tx.claim_reminder({current->id, channel_name, current->start, due.message.has_value(), now})) continue;
      if (!due.message) ++run.skipped;
      else if (tx.enqueue_outbox(*due.message)) ++run.queued;
    }
  });
  total.queued += run.queued;
  total.skipped += run.skipped;
}

Result<Appointment> Reminders::opt_out(std::string_view code, std::string_view token, ReminderChannel channel) {
  auto a = bookings_.view(code, token);
  if (!a) return a;
  store_.write([&](store::WriteTx& tx) { tx.opt_out_of_reminders(a->id, to_string(channel), clock_.now()); });
  return a;
}

}  // namespace amt::app
