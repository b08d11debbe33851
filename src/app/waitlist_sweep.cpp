// The waitlist sweep (issue #8 item 3): times that become free without a cancellation (the
// administration adds capacity, a team lead ends or deletes an absence) go to the waiting entries
// in join order. The free times are read outside any write; writes open only when an entry fits.
#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "app/waitlist.hpp"

namespace amt::app {

namespace {

// The waiting entries' services that can be booked at this location now.
std::set<Id> sweep_services(const Catalog& catalog, const Location& location,
                            const std::vector<WaitlistEntry>& waiting) {
  std::set<Id> out;
  for (const WaitlistEntry& e : waiting) {
    const Service* s = catalog.service(e.service_id);
    if (s && s->active && s->location_id == location.id) out.insert(s->id);
  }
  return out;
}

// A stand-in for the freed appointment offer_freed_time expects: only location and start count.
Appointment sweep_freed_time(const Id& location_id, const Slot& slot) {
  Appointment a;
  a.location_id = location_id;
  a.start = slot.start;
  a.end = slot.end;
  return a;
}

}  // namespace

int Waitlist::offer_new_times() {
  const auto snapshot = catalogs_.current();
  const Instant now = clock_.now();
  const std::lock_guard lock(sweep_mutex_);
  int offers = 0;
  for (const Location& location : snapshot->catalog.locations) {
    std::vector<WaitlistEntry> waiting = store_.open_waitlist_entries(location.id);
    std::erase_if(waiting, [](const WaitlistEntry& e) { return e.status != WaitlistStatus::waiting; });
    offers += offer_new_times_at(*snapshot, location, waiting, now);
  }
  if (offers > 0) spdlog::info("waitlist: {} newly free time(s) offered", offers);
  return offers;
}

int Waitlist::offer_new_times_at(const CatalogSnapshot& snapshot, const Location& location,
                                 const std::vector<WaitlistEntry>& waiting, Instant now) {
  const Planner* planner = snapshot.planner(location.id);
  const std::set<Id> services =
      planner ? sweep_services(snapshot.catalog, location, waiting) : std::set<Id>{};
  // Nobody waits for a service: forget what was seen, so a later first entry starts a fresh look.
  std::erase_if(seen_, [&](const auto& kv) {
    return kv.first.first == location.id && !services.contains(kv.first.second);
  });
  if (services.empty()) return 0;

  const Zone zone = planner->zone();
  const LocalDate today = local_date(zone, now);
  int horizon = 0;
  for (const Id& id : services) horizon = std::max(horizon, snapshot.catalog.service(id)->horizon_days);
  const auto appointments =
      store_.appointments_to_plan(location.id, now - std::chrono::days{1}, now + std::chrono::days{horizon + 2});
  std::map<Id, std::vector<Slot>> fresh;
  for (const Id& id : services) {
    const LocalDate last_day = today + date::days{snapshot.catalog.service(id)->horizon_days};
    auto slots = all_slots(planner->free_slots(appointments, {id, today, last_day, now, {}}));
    auto [seen, first_look] = seen_.try_emplace({location.id, id});
    if (!first_look) fresh[id] = newly_free(seen->second, slots, zone);
    seen->second = {std::move(slots), last_day};
  }

  std::vector<WaitlistSeeker> seekers;
  for (const WaitlistEntry& e : waiting) seekers.push_back({e.service_id, e.wish});
  const auto matches = match_waitlist(seekers, fresh, zone);
  if (matches.empty()) return 0;
  int offers = 0;
  // One short write per seat, so bookings are not kept waiting behind a long sweep (a reopened day
  // can match hundreds). The entries are read again in each write, in join order, by
  // offer_freed_time: an entry another server offered something meanwhile is passed over, and the
  // planner checks the time again.
  for (const WaitlistMatch& m : matches) {
    bool offered = false;
    store_.write([&](store::WriteTx& tx) {
      offered = offer_freed_time(tx, snapshot, sweep_freed_time(location.id, m.slot), now, policy_);
    });
    offers += offered ? 1 : 0;
  }
  return offers;
}

void Waitlist::maintain(std::chrono::steady_clock::time_point at, std::chrono::seconds check_interval) {
  const std::int64_t version = catalogs_.current()->version;
  const bool due = at - last_maintained_ >= check_interval || version != maintained_version_;
  if (!due) return;
  last_maintained_ = at;
  maintained_version_ = version;
  expire_holds();
  offer_new_times();
}

}  // namespace amt::app
