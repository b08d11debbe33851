// What the waitlist tells a citizen, queued in the outbox inside the write that decides it: that
// they joined, the offer of a held time (mail and SMS, one-tap link), the end of an offer that ran out.
#pragma once

#include "app/booking_rules.hpp"
#include "app/waitlist.hpp"

namespace amt::app {

// An offer to entry (status offered, hold_until set) of the held appointment, to every channel the
// entry gave; SMS only to a mobile number. In the entry's language.
void enqueue_waitlist_offer(store::WriteTx& tx, const WaitlistEntry& entry, const Appointment& held,
                            const Target& target, Instant now, const WaitlistPolicy& policy);

// Confirms joining, with the link to see or leave the entry (mail only, when an address was given).
void enqueue_waitlist_joined(store::WriteTx& tx, const WaitlistEntry& entry, const Catalog& catalog, Instant now,
                             const WaitlistPolicy& policy);

// Tells entry (now lapsed) that the time held for it went to the next in line and the request ended.
void enqueue_waitlist_lapsed(store::WriteTx& tx, const WaitlistEntry& entry, const Appointment& held,
                             const Catalog& catalog, Instant now, const WaitlistPolicy& policy);

}  // namespace amt::app
