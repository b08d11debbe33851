// JSON shapes shared by several endpoints.
#pragma once

#include <boost/json.hpp>

#include "core/model.hpp"

namespace amt::api {

boost::json::object booking_json(const Appointment& a, Zone zone);
boost::json::object week_hours_json(const WeekHours& hours);
}  // namespace amt::api
