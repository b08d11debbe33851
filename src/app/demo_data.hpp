// The demo office "Jobcenter Mainz": opening hours, nine concerns, about forty staff in benefits,
// placement and the entrance zone, with skills, working plans, breaks, deputies and rules.
#pragma once

#include "core/model.hpp"

namespace amt::app {

Catalog demo_catalog(LocalDate terminpflicht_from);

}  // namespace amt::app
