// Contract: migrations and reference data (locations, services, staff, absences, rules).
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

TEST_P(StoreContract, MigrateTwiceChangesNothingAndReportsTheLatestVersion) {
  EXPECT_EQ(store().schema_version(), latest_migration());
  EXPECT_GT(latest_migration(), 0);
  store().migrate();
  EXPECT_EQ(store().schema_version(), latest_migration());
  EXPECT_TRUE(store().ready());
}

TEST_P(StoreContract, IsNotReadyUntilMigrated) {
  TestDatabase fresh = GetParam().create();
  {
    auto other = open_store(fresh.url);
    EXPECT_EQ(other->schema_version(), 0);
    EXPECT_FALSE(other->ready());
    other->migrate();
    EXPECT_TRUE(other->ready());
  }
  fresh.drop();
}

TEST_P(StoreContract, CatalogReadsBackExactlyAsWritten) {
  EXPECT_FALSE(store().has_catalog());
  Catalog written = sample_catalog();
  store().replace_catalog(written);
  EXPECT_TRUE(store().has_catalog());
  expect_same(written, store().load_catalog());
}

TEST_P(StoreContract, CatalogSurvivesReopening) {
  store().replace_catalog(sample_catalog());
  reopen();
  expect_same(sample_catalog(), store().load_catalog());
}

TEST_P(StoreContract, SurnameRulesKeepTheirLettersAndTheirPlaceAmongNumberRules) {
  store().replace_catalog(sample_catalog());
  const auto rules = store().load_catalog().responsibility_rules;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_FALSE(rules[1].by_surname());
  EXPECT_TRUE(rules[2].by_surname());
  EXPECT_EQ(rules[2].surname_from, "\u00c4");  // UTF-8 as typed, folded only when compared
  EXPECT_EQ(rules[2].surname_to, "Sch");
  EXPECT_EQ(rules[2].customer_number_from, "");
  EXPECT_EQ(rules[3].staff_id, "dora");
}

TEST_P(StoreContract, ReplacingTheCatalogDropsWhatIsNoLongerInIt) {
  store().replace_catalog(sample_catalog());
  Catalog smaller = sample_catalog();
  smaller.locations.pop_back();  // bingen, and everything of it
  smaller.services.pop_back();
  smaller.staff.pop_back();
  smaller.responsibility_rules.pop_back();
  smaller.absences.clear();
  smaller.staff[0].deputies = {"bert"};
  store().replace_catalog(smaller);
  expect_same(smaller, store().load_catalog());
}

TEST_P(StoreContract, ReplacingTheCatalogKeepsAppointmentsOfRetiredServicesAndStaff) {
  store().replace_catalog(sample_catalog());
  Appointment a = sample_appointment("a1", at_utc(2027, 3, 15, 8));
  insert(store(), a);
  Catalog other = sample_catalog();
  other.services.erase(other.services.begin());  // first-application is retired
  for (Staff& s : other.staff) s.skills.erase(std::remove(s.skills.begin(), s.skills.end(), "first-application"), s.skills.end());
  store().replace_catalog(other);
  ASSERT_EQ(store().count_appointments(), 1);
  expect_same(a, *store().appointment_by_code(a.code));
}

TEST_P(StoreContract, CatalogWithADanglingSkillIsRejectedAndTheOldOneStays) {
  store().replace_catalog(sample_catalog());
  Catalog broken = sample_catalog();
  broken.staff[0].skills.push_back("no-such-service");
  EXPECT_ANY_THROW(store().replace_catalog(broken));
  expect_same(sample_catalog(), store().load_catalog());
}

}  // namespace
}  // namespace amt::store::testing
