// Checks of what an admin enters, field by field, against the catalog it is going into. Errors
// carry a stable code and an English message; administration_messages gives the German text.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "app/errors.hpp"
#include "core/model.hpp"

namespace amt::app::admin {

// Ids are short slugs: lower-case letters, digits and '-', 1..64 characters, starting with a letter or digit.
bool is_slug(std::string_view id);
// "mon".."sun" for weekday 0..6: the field names of hours and plans ("plan.tue", "hours.sat").
std::string_view weekday_key(int weekday);

// Each checks one record as it would stand in `catalog` (the catalog after the change, so skills
// and deputies may name records added in the same change).
std::vector<FieldError> check_service(const Catalog& catalog, const Service& service);
std::vector<FieldError> check_staff(const Catalog& catalog, const Staff& staff);
std::vector<FieldError> check_plan(const std::array<WorkDay, 7>& plan, std::string_view field = "plan");
std::vector<FieldError> check_hours(const WeekHours& hours, std::string_view field = "hours");
std::vector<FieldError> check_rules(const Catalog& catalog, const Id& location_id,
                                    const std::vector<ResponsibilityRule>& rules);

}  // namespace amt::app::admin
