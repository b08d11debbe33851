// Sorts a day's appointments into pinned, movable and displaced, and lists who may take each.
#include "core/replanning_instance.hpp"

#include <algorithm>
#include <numeric>

#include "core/responsibility.hpp"

namespace amt::replan::detail {

namespace {

using Occupied = std::vector<std::vector<Span>>;  // per staff

bool free_at(const Occupied& occupied, int staff, Span s) {
  const auto& spans = occupied[static_cast<std::size_t>(staff)];
  return std::none_of(spans.begin(), spans.end(), [&](Span x) { return overlaps(x, s); });
}

bool pinned_type(const Appointment& a, const Service* service) {
  return a.status != AppointmentStatus::booked || a.staff_fixed || service == nullptr ||
         service->routing == Routing::responsible;
}

class Builder {
 public:
  Builder(const Catalog& catalog, const DayStaff& staff, const DayInput& day)
      : catalog_(catalog), staff_(staff), day_(day), occupied_(static_cast<std::size_t>(staff.count())) {}

  Instance build();

 private:
  // Keeps the item with its holder when the holder is free and able; else it is displaced.
  void settle(Item& item, Kind kind);
  void add_choices(Item& item);
  std::vector<int> candidates(const Item& item, const Service& service) const;
  void group(Instance& instance) const;
  const Appointment& appointment(const Item& item) const {
    return day_.appointments[static_cast<std::size_t>(item.source)];
  }

  const Catalog& catalog_;
  const DayStaff& staff_;
  const DayInput& day_;
  Occupied occupied_;  // by pinned items and finished appointments: nobody else fits there
  std::vector<int> pool_order_;
};

Instance Builder::build() {
  Instance instance;
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(day_.appointments.size()); ++i)
    if (staff_.on_day(day_.appointments[static_cast<std::size_t>(i)])) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    const Appointment& a = day_.appointments[static_cast<std::size_t>(x)];
    const Appointment& b = day_.appointments[static_cast<std::size_t>(y)];
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.id < b.id;
  });
  for (int i : order) {
    const Appointment& a = day_.appointments[static_cast<std::size_t>(i)];
    const int holder = staff_.index(a.staff_id);
    if (a.status != AppointmentStatus::done) {
      instance.items.push_back({i, staff_.span(a), holder, Kind::pinned, {}});
      continue;
    }
    if (holder < 0) continue;
    instance.finished.push_back({holder, staff_.span(a)});
    occupied_[static_cast<std::size_t>(holder)].push_back(staff_.span(a));
  }
  // Fixed appointments claim their holders before movable ones, which may go elsewhere.
  for (Item& item : instance.items)
    if (pinned_type(appointment(item), staff_.service(appointment(item).service_id)))
      settle(item, Kind::pinned);
  Occupied pinned = occupied_;
  for (Item& item : instance.items)
    if (!pinned_type(appointment(item), staff_.service(appointment(item).service_id)))
      settle(item, Kind::movable);
  occupied_ = std::move(pinned);
  pool_order_.resize(static_cast<std::size_t>(staff_.count()));
  std::iota(pool_order_.begin(), pool_order_.end(), 0);
  // Least flexible first: people with few skills take pool work before those who cover rarer services.
  std::stable_sort(pool_order_.begin(), pool_order_.end(), [&](int x, int y) {
    if (staff_.staff(x).skills.size() != staff_.staff(y).skills.size())
      return staff_.staff(x).skills.size() < staff_.staff(y).skills.size();
    return staff_.staff(x).id < staff_.staff(y).id;
  });
  for (Item& item : instance.items) add_choices(item);
  group(instance);
  return instance;
}

// Two appointments of one person overlapping in the input (bad data) cannot both stay: the
// earlier one stays, the later one is displaced and planned like the absent staff's.
void Builder::settle(Item& item, Kind kind) {
  const Service* service = staff_.service(appointment(item).service_id);
  const bool able = item.holder >= 0 && !staff_.unavailable(item.holder, service, item.span) &&
                    free_at(occupied_, item.holder, item.span);
  item.kind = able ? kind : Kind::displaced;
  if (able) occupied_[static_cast<std::size_t>(item.holder)].push_back(item.span);
}

void Builder::add_choices(Item& item) {
  if (item.kind == Kind::pinned) return;
  const Service* service = staff_.service(appointment(item).service_id);
  if (service == nullptr) return;
  const bool chain = service->routing == Routing::responsible;
  const std::vector<int> people = candidates(item, *service);
  for (int rank = 0; rank < static_cast<int>(people.size()); ++rank) {
    const int s = people[static_cast<std::size_t>(rank)];
    if (s < 0 || staff_.unavailable(s, service, item.span) || !free_at(occupied_, s, item.span)) continue;
    const bool move = item.kind == Kind::movable && s != item.holder;
    item.choices.push_back({s, chain ? rank : 0, move});
  }
}

// Responsible services: the Vertretung chain, nobody else. Pool services: the holder first, then everyone by
// pool order.
std::vector<int> Builder::candidates(const Item& item, const Service& service) const {
  const Appointment& a = appointment(item);
  std::vector<int> people;
  if (service.routing == Routing::responsible) {
    for (const Id& id : vertretung_chain(catalog_, staff_.location().id, a))
      people.push_back(staff_.index(id));
    return people;
  }
  if (item.holder >= 0) people.push_back(item.holder);
  for (int s : pool_order_)
    if (s != item.holder) people.push_back(s);
  return people;
}

// Union-find over items that overlap in time and share a possible holder.
void Builder::group(Instance& instance) const {
  const auto& items = instance.items;
  const int n = static_cast<int>(items.size());
  const std::size_t words = static_cast<std::size_t>(staff_.count() + 63) / 64;
  std::vector<std::uint64_t> who(static_cast<std::size_t>(n) * words, 0);
  for (int i = 0; i < n; ++i)
    for (const Choice& c : items[static_cast<std::size_t>(i)].choices)
      who[static_cast<std::size_t>(i) * words + static_cast<std::size_t>(c.staff) / 64] |= std::uint64_t{1}
                                                                                           << (c.staff % 64);
  auto shares = [&](int a, int b) {
    for (std::size_t w = 0; w < words; ++w)
      if ((who[static_cast<std::size_t>(a) * words + w] & who[static_cast<std::size_t>(b) * words + w]) != 0)
        return true;
    return false;
  };
  std::vector<int> parent(static_cast<std::size_t>(n));
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {  // with path halving
    while (parent[static_cast<std::size_t>(x)] != x) {
      int& up = parent[static_cast<std::size_t>(x)];
      up = parent[static_cast<std::size_t>(up)];
      x = up;
    }
    return x;
  };
  for (int i = 0; i < n; ++i) {
    const Span a = items[static_cast<std::size_t>(i)].span;
    for (int j = i + 1; j < n && items[static_cast<std::size_t>(j)].span.begin < a.end; ++j)
      if (shares(i, j)) parent[static_cast<std::size_t>(find(j))] = find(i);
  }
  std::vector<int> slot(static_cast<std::size_t>(n), -1);
  for (int i = 0; i < n; ++i) {
    if (items[static_cast<std::size_t>(i)].kind == Kind::pinned) continue;
    int& c = slot[static_cast<std::size_t>(find(i))];
    if (c < 0) {
      c = static_cast<int>(instance.components.size());
      instance.components.emplace_back();
    }
    instance.components[static_cast<std::size_t>(c)].push_back(i);
  }
}

}  // namespace

std::vector<Id> vertretung_chain(const Catalog& catalog, const Id& location_id, const Appointment& a) {
  const auto responsible = responsible_staff(catalog, location_id, a.customer_number, a.contact.name);
  return responsibility_chain(catalog, responsible.value_or(a.staff_id));
}

Instance build_instance(const Catalog& catalog, const DayStaff& staff, const DayInput& day) {
  return Builder(catalog, staff, day).build();
}

}  // namespace amt::replan::detail
