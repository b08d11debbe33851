// Telling a citizen that an absence cancels their appointment, with the nearest free times.
#pragma once

#include <vector>

#include "app/booking_mail.hpp"
#include "core/availability.hpp"

namespace amt::app {

// Up to `count` free start times for a's concern at a's location from a's day on (two weeks),
// given the appointments holding time then (`holding`, after the change) and the catalog after it.
std::vector<Slot> nearest_free(const Catalog& catalog, const std::vector<Appointment>& holding, const Appointment& a,
                               Instant now, int count, int held_back_minutes);

// Queues the mail in tx; false when the citizen gave no e-mail address.
bool enqueue_absence_mail(store::WriteTx& tx, const Appointment& cancelled, const Catalog& catalog,
                          const std::vector<Slot>& alternatives, Instant now, const MailSite& site);

}  // namespace amt::app
