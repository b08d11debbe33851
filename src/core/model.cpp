// Small lookups and string forms of the domain's enumerations.
#include "core/model.hpp"

#include <algorithm>

namespace amt {

const char* to_string(Channel c) {
  switch (c) {
    case Channel::online: return "online";
    case Channel::phone: return "phone";
    case Channel::kiosk: return "kiosk";
  }
  return "online";
}

std::optional<Channel> channel_from_string(std::string_view s) {
  for (Channel c : {Channel::online, Channel::phone, Channel::kiosk})
    if (s == to_string(c)) return c;
  return std::nullopt;
}

const char* to_string(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::booked: return "booked";
    case AppointmentStatus::checked_in: return "checked_in";
    case AppointmentStatus::called: return "called";
    case AppointmentStatus::in_service: return "in_service";
    case AppointmentStatus::done: return "done";
    case AppointmentStatus::cancelled: return "cancelled";
    case AppointmentStatus::no_show: return "no_show";
    case AppointmentStatus::held: return "held";
  }
  return "booked";
}

std::optional<AppointmentStatus> status_from_string(std::string_view s) {
  using S = AppointmentStatus;
  for (S v : {S::booked, S::checked_in, S::called, S::in_service, S::done, S::cancelled, S::no_show, S::held})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

bool Staff::has_skill(const Id& service_id) const {
  return std::binary_search(skills.begin(), skills.end(), service_id);
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, const Id& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Location* Catalog::location(const Id& id) const { return find_by_id(locations, id); }
const Service* Catalog::service(const Id& id) const { return find_by_id(services, id); }
const Staff* Catalog::staff_member(const Id& id) const { return find_by_id(staff, id); }

}  // namespace amt
