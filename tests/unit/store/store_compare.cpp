// Field-by-field comparison of catalogs, with a trace naming the item that differs.
#include <gtest/gtest.h>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

std::string day_text(LocalDate d) { return format_date(d); }

}  // namespace

// Overloads of the contract's expect_same, outside an anonymous namespace so that none of them
// hides the Appointment one from code compiled after this file in a unity batch.

void expect_same(const Location& e, const Location& a) {
  SCOPED_TRACE("location " + e.id);
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.name, a.name);
  EXPECT_EQ(e.address, a.address);
  EXPECT_EQ(e.phone, a.phone);
  EXPECT_EQ(e.time_zone, a.time_zone);
  EXPECT_EQ(e.opening_hours, a.opening_hours);
  std::vector<std::string> expected_closures, actual_closures;
  for (LocalDate d : e.closures) expected_closures.push_back(day_text(d));
  for (LocalDate d : a.closures) actual_closures.push_back(day_text(d));
  EXPECT_EQ(expected_closures, actual_closures);
  EXPECT_EQ(day_text(e.terminpflicht_from), day_text(a.terminpflicht_from));
  EXPECT_EQ(e.slot_minutes, a.slot_minutes);
}

void expect_same(const Service& e, const Service& a) {
  SCOPED_TRACE("service " + e.id);
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.location_id, a.location_id);
  EXPECT_EQ(e.name, a.name);
  EXPECT_EQ(e.group, a.group);
  EXPECT_EQ(e.description, a.description);
  EXPECT_EQ(e.duration_minutes, a.duration_minutes);
  EXPECT_EQ(e.documents, a.documents);
  EXPECT_EQ(int{e.channels}, int{a.channels});
  EXPECT_EQ(e.lead_time_minutes, a.lead_time_minutes);
  EXPECT_EQ(e.horizon_days, a.horizon_days);
  EXPECT_EQ(e.routing == Routing::responsible, a.routing == Routing::responsible);
  EXPECT_EQ(e.active, a.active);
}

void expect_same(const Staff& e, const Staff& a) {
  SCOPED_TRACE("staff " + e.id);
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.location_id, a.location_id);
  EXPECT_EQ(e.name, a.name);
  EXPECT_EQ(e.team, a.team);
  EXPECT_EQ(e.room, a.room);
  EXPECT_EQ(e.skills, a.skills);
  EXPECT_EQ(e.deputies, a.deputies);
  for (std::size_t d = 0; d < e.plan.size(); ++d) {
    SCOPED_TRACE("weekday " + std::to_string(d));
    EXPECT_EQ(e.plan[d].shifts, a.plan[d].shifts);
    EXPECT_EQ(e.plan[d].breaks, a.plan[d].breaks);
  }
  EXPECT_EQ(e.active, a.active);
}

void expect_same(const Absence& e, const Absence& a) {
  SCOPED_TRACE("absence " + e.id);
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.staff_id, a.staff_id);
  EXPECT_EQ(e.from.time_since_epoch().count(), a.from.time_since_epoch().count());
  EXPECT_EQ(e.to.time_since_epoch().count(), a.to.time_since_epoch().count());
  EXPECT_EQ(e.reason, a.reason);
}

void expect_same(const ResponsibilityRule& e, const ResponsibilityRule& a) {
  SCOPED_TRACE("rule for " + e.staff_id);
  EXPECT_EQ(e.location_id, a.location_id);
  EXPECT_EQ(e.staff_id, a.staff_id);
  EXPECT_EQ(e.customer_number_from, a.customer_number_from);
  EXPECT_EQ(e.customer_number_to, a.customer_number_to);
  EXPECT_EQ(e.surname_from, a.surname_from);
  EXPECT_EQ(e.surname_to, a.surname_to);
}

namespace {

template <class T>
void expect_same_list(const std::vector<T>& e, const std::vector<T>& a) {
  ASSERT_EQ(e.size(), a.size());
  for (std::size_t i = 0; i < e.size(); ++i) expect_same(e[i], a[i]);
}

}  // namespace

void expect_same(const Catalog& e, const Catalog& a) {
  expect_same_list(e.locations, a.locations);
  expect_same_list(e.services, a.services);
  expect_same_list(e.staff, a.staff);
  expect_same_list(e.absences, a.absences);
  expect_same_list(e.responsibility_rules, a.responsibility_rules);
}

}  // namespace amt::store::testing
