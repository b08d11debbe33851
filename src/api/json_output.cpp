// JSON shapes shared by several endpoints.
#include "api/json_output.hpp"

namespace amt::api {

boost::json::object booking_json(const Appointment& a, Zone zone) {
  return {
      {"code", a.code},
      {"status", to_string(a.status)},
      {"location", a.location_id},
      {"service", a.service_id},
      {"start", format_rfc3339(a.start, zone)},
      {"end", format_rfc3339(a.end, zone)},
      {"channel", to_string(a.channel)},
      {"contact", {{"name", a.contact.name}, {"email", a.contact.email}, {"phone", a.contact.phone}}},
      {"customer_number", a.customer_number},
      {"note", a.note},
      {"language", a.language},
  };
}

boost::json::object week_hours_json(const WeekHours& hours) {
  static constexpr const char* days[] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
  boost::json::object o;
  for (int d = 0; d < 7; ++d) {
    boost::json::array ranges;
    for (const TimeRange& r : hours[d])
      ranges.push_back({{"start", format_time(r.start)}, {"end", format_time(r.end)}});
    o[days[d]] = std::move(ranges);
  }
  return o;
}

}  // namespace amt::api
