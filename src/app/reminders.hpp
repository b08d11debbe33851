// Appointment reminders (issue #8 item 1): a run that queues the due reminders by e-mail and SMS
// (one outbox row per channel the citizen gave and did not opt out of), and the citizen's
// "no more reminders on this channel" from the link in a reminder.
#pragma once

#include <optional>
#include <string_view>

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "core/reminders.hpp"
#include "store/store.hpp"

namespace amt::app {

struct ReminderSettings {
  bool enabled = true;
  ReminderRule rule;
  int batch = 200;          // reminders decided per write transaction
  int max_per_run = 50000;  // appointments one run looks at per channel
};

struct ReminderRun {
  int queued = 0;   // outbox rows written
  int skipped = 0;  // reminders given up for good (too late, booked after their time, no mobile number)
};

class Reminders {
 public:
  // bookings: the link tokens and the public address the links in a reminder use.
  Reminders(store::Store& store, CatalogHolder& catalogs, const Clock& clock, const Bookings& bookings,
            ReminderSettings settings);

  // One pass over both channels at the clock's now. Safe to run on several servers at once: each
  // reminder is claimed in the transaction that queues it, so it goes out once.
  ReminderRun run();

  // Stops the reminders on channel for the booking behind code + token (the manage token or the
  // link token of the reminder). not_found for a wrong code or token.
  Result<Appointment> opt_out(std::string_view code, std::string_view token, ReminderChannel channel);

  bool enabled() const { return settings_.enabled; }

 private:
  struct Due;
  void run_channel(ReminderChannel channel, Instant now, ReminderRun& total);
  std::optional<store::OutboxMessage> render(ReminderChannel channel, const Appointment& a, const Catalog& catalog,
                                             Instant now) const;
  void write_batch(ReminderChannel channel, const std::vector<Due>& batch, Instant now, ReminderRun& total);

  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  const Bookings& bookings_;
  ReminderSettings settings_;
};

}  // namespace amt::app
