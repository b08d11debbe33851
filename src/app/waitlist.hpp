// Use cases of the waitlist (Warteliste, issue #8 item 3): a citizen for whom no time fits asks for
// one; a freed time is held for the first fitting entry in join order and offered by mail and SMS;
// accepting books it, exactly once; a hold that runs out goes to the next in line.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/clock.hpp"
#include "app/errors.hpp"
#include "core/waitlist.hpp"
#include "core/waitlist_match.hpp"
#include "store/store.hpp"

namespace amt::app {

struct WaitlistPolicy {
  std::string secret;                                // HMAC key for entry links
  std::string public_url = "http://localhost:8080";  // base of links in mails
  int hold_minutes = 120;                            // [waitlist] hold_minutes, counted in office hours
};

struct WaitlistRequest {
  Id location_id;
  Id service_id;
  std::string weekdays = "mon,tue,wed,thu,fri";  // comma-separated mon..sun
  std::string from = "00:00";                     // HH:MM, wall clock of the location
  std::string to = "24:00";
  Contact contact;       // name, and e-mail and/or mobile number
  std::string language;  // empty: "de"
};

struct WaitlistJoined {
  WaitlistEntry entry;
  std::string token;  // shown once; proves the link to see, leave or accept
};

// An entry with what it holds now (the held appointment while status is offered).
struct WaitlistView {
  WaitlistEntry entry;
  std::optional<Appointment> held;
};

class Waitlist {
 public:
  Waitlist(store::Store& store, CatalogHolder& catalogs, const Clock& clock, WaitlistPolicy policy);

  Result<WaitlistJoined> join(const WaitlistRequest& request);
  Result<WaitlistView> view(const Id& id, std::string_view token) const;
  Result<WaitlistEntry> leave(const Id& id, std::string_view token);
  // Books the time held for the entry: the held appointment becomes a booking with its own manage
  // token and confirmation mail. A second accept, an expired or a withdrawn offer: not_changeable.
  Result<Booked> accept(const Id& id, std::string_view token);
  // Ends holds that ran out (the entry is told and leaves the list) and offers each such time to
  // the next fitting entry. Returns how many holds ended. Reads first: writes only when a hold
  // lapsed.
  int expire_holds();
  // The sweep (waitlist_sweep.cpp): times that became free since this server's previous sweep
  // without a cancellation (capacity added by the administration, an absence ended or deleted) go
  // to the first fitting waiting entry in join order. Reads the free times outside any write and
  // writes only when an entry fits; the write re-checks and holds as for a cancelled time. The
  // first sweep of a (location, service) only looks. Returns how many offers it made.
  int offer_new_times();
  // expire_holds() and offer_new_times() when check_interval passed since the last run (steady
  // clock, not the possibly fixed domain clock) or the catalog changed since: called every second
  // by a PeriodicTask, so an admin change or an ended absence reaches the list within a second.
  void maintain(std::chrono::steady_clock::time_point at, std::chrono::seconds check_interval);

  const WaitlistPolicy& policy() const { return policy_; }
  CatalogHolder& catalogs() const { return catalogs_; }

 private:
  int offer_new_times_at(const CatalogSnapshot& snapshot, const Location& location,
                         const std::vector<WaitlistEntry>& waiting, Instant now);

  store::Store& store_;
  CatalogHolder& catalogs_;
  const Clock& clock_;
  WaitlistPolicy policy_;
  // The sweep's memory: free times per (location, service) at its previous run on this server.
  std::mutex sweep_mutex_;
  std::map<std::pair<Id, Id>, FreeTimesSeen> seen_;
  std::chrono::steady_clock::time_point last_maintained_{};
  std::int64_t maintained_version_ = -1;
};

// The link token of an entry (derived from its nonce with the secret; never stored).
std::string waitlist_token(std::string_view secret, const WaitlistEntry& entry);
std::string waitlist_link(const WaitlistPolicy& policy, const WaitlistEntry& entry);

// The appointment an entry holds (offered) or booked through the list, read without a write:
// it starts between the hold's end and the service's horizon after it.
std::optional<Appointment> held_appointment(store::Store& store, const CatalogSnapshot& snapshot,
                                            const WaitlistEntry& entry);

// Offers a time that this write freed (a cancelled or moved appointment, a hold that ran out) to the
// first waiting entry of its location, in join order, whose service, days and hours fit and whose
// service the planner can still place there: the time is held for them and an offer queued by
// mail and SMS. Call inside the write that frees the time. Returns whether an offer was made.
bool offer_freed_time(store::WriteTx& tx, const CatalogSnapshot& snapshot, const Appointment& freed, Instant now,
                      const WaitlistPolicy& policy);

}  // namespace amt::app
