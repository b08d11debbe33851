// Customer number and surname rules, the Vertretung chain, and who takes an appointment when
// someone is absent.
#include "core/responsibility.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace amt {
namespace {

Instant t(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

Staff person(const char* id, std::vector<Id> deputies = {}, const char* location = "mainz") {
  Staff s;
  s.id = id;
  s.location_id = location;
  s.name = id;
  s.deputies = std::move(deputies);
  return s;
}

// Mainz: mueller has 00000-49999, schmidt 50000-99999; BG numbers of office 12345 split at letter D.
Catalog office() {
  Catalog c;
  c.staff = {person("mueller", {"schmidt", "weber"}), person("schmidt", {"mueller"}),
             person("weber", {"klein"}), person("klein"), person("koch", {}, "worms")};
  c.responsibility_rules = {
      {"mainz", "mueller", "00000", "49999", "", ""},
      {"mainz", "schmidt", "50000", "99999", "", ""},
      {"mainz", "weber", "12345D0000000", "12345D4999999", "", ""},
      {"mainz", "klein", "12345D5000000", "12345D9999999", "", ""},
      {"worms", "koch", "00000", "99999", "", ""},
  };
  return c;
}

TEST(Responsibility, NumberInsideARangeGoesToThatCaseworker) {
  const Catalog c = office();
  EXPECT_EQ(responsible_staff(c, "mainz", "12345"), "mueller");
  EXPECT_EQ(responsible_staff(c, "mainz", "49999"), "mueller");
  EXPECT_EQ(responsible_staff(c, "mainz", "50000"), "schmidt");
  EXPECT_EQ(responsible_staff(c, "mainz", "99999"), "schmidt");
}

TEST(Responsibility, ShorterNumbersCompareAsIfZeroPadded) {
  const Catalog c = office();
  EXPECT_EQ(responsible_staff(c, "mainz", "123"), "mueller");   // 00123
  EXPECT_EQ(responsible_staff(c, "mainz", "5000"), "mueller");  // 05000, not after "50000"
  EXPECT_EQ(responsible_staff(c, "mainz", "0050000"), "schmidt");
}

TEST(Responsibility, NumberOutsideEveryRangeHasNoCaseworker) {
  const Catalog c = office();
  EXPECT_EQ(responsible_staff(c, "mainz", "100000"), std::nullopt);
  EXPECT_EQ(responsible_staff(c, "mainz", ""), std::nullopt);
  EXPECT_EQ(responsible_staff(c, "mainz", "12-345"), std::nullopt);
}

TEST(Responsibility, RulesOfAnotherLocationDoNotApply) {
  const Catalog c = office();
  EXPECT_EQ(responsible_staff(c, "worms", "12345"), "koch");
  EXPECT_EQ(responsible_staff(c, "bingen", "12345"), std::nullopt);
}

TEST(Responsibility, JobcenterNumbersWithLettersAreMatchedCaseInsensitiveWithoutSpaces) {
  const Catalog c = office();
  EXPECT_EQ(responsible_staff(c, "mainz", "12345D0000042"), "weber");
  EXPECT_EQ(responsible_staff(c, "mainz", " 12345d 7000000 "), "klein");
  EXPECT_EQ(responsible_staff(c, "mainz", "12345E0000001"), std::nullopt);
}

TEST(Responsibility, RuleOfAnInactiveCaseworkerIsSkipped) {
  Catalog c = office();
  c.staff[0].active = false;  // mueller left
  c.responsibility_rules.push_back({"mainz", "schmidt", "00000", "49999", "", ""});
  EXPECT_EQ(responsible_staff(c, "mainz", "12345"), "schmidt");
}

TEST(Responsibility, RuleNamingUnknownStaffIsSkipped) {
  Catalog c = office();
  c.responsibility_rules.insert(c.responsibility_rules.begin(), {"mainz", "ghost", "00000", "99999", "", ""});
  EXPECT_EQ(responsible_staff(c, "mainz", "12345"), "mueller");
}

TEST(Responsibility, ChainIsResponsibleThenDeputiesInOrder) {
  const Catalog c = office();
  EXPECT_EQ(responsibility_chain(c, "mueller"), (std::vector<Id>{"mueller", "schmidt", "weber"}));
}

TEST(Responsibility, ChainDoesNotFollowDeputiesOfDeputies) {
  const Catalog c = office();  // weber's deputy klein is not mueller's deputy
  const auto chain = responsibility_chain(c, "mueller");
  EXPECT_EQ(std::find(chain.begin(), chain.end(), "klein"), chain.end());
}

TEST(Responsibility, ChainListsEachPersonOnceAndOnlyActiveStaffOfTheSameLocation) {
  Catalog c = office();
  c.staff[0].deputies = {"schmidt", "mueller", "koch", "weber", "schmidt", "ghost"};
  c.staff[2].active = false;  // weber
  EXPECT_EQ(responsibility_chain(c, "mueller"), (std::vector<Id>{"mueller", "schmidt"}));
  EXPECT_TRUE(responsibility_chain(c, "ghost").empty());
}

TEST(Responsibility, DeputyTakesOverWhileTheCaseworkerIsAbsent) {
  Catalog c = office();
  c.absences = {{"a1", "mueller", t("2027-03-15T00:00:00+01:00"), t("2027-03-20T00:00:00+01:00"), "Urlaub"}};
  const auto chain = responsibility_chain(c, "mueller");
  EXPECT_EQ(first_present(c, chain, t("2027-03-16T09:00:00+01:00"), t("2027-03-16T09:30:00+01:00")),
            "schmidt");
}

TEST(Responsibility, CaseworkerKeepsTheAppointmentWhenTheAbsenceEndsBefore) {
  Catalog c = office();
  c.absences = {{"a1", "mueller", t("2027-03-16T08:00:00+01:00"), t("2027-03-16T09:00:00+01:00"), "Arzt"}};
  const auto chain = responsibility_chain(c, "mueller");
  EXPECT_EQ(first_present(c, chain, t("2027-03-16T09:00:00+01:00"), t("2027-03-16T09:30:00+01:00")),
            "mueller");
}

TEST(Responsibility, AbsenceStartingDuringTheAppointmentHandsItToTheDeputy) {
  Catalog c = office();
  c.absences = {{"a1", "mueller", t("2027-03-16T09:15:00+01:00"), t("2027-03-16T12:00:00+01:00"), "Termin"}};
  const auto chain = responsibility_chain(c, "mueller");
  EXPECT_EQ(first_present(c, chain, t("2027-03-16T09:00:00+01:00"), t("2027-03-16T09:30:00+01:00")),
            "schmidt");
}

TEST(Responsibility, NobodyPresentWhenTheWholeChainIsAbsent) {
  Catalog c = office();
  const Instant from = t("2027-03-15T00:00:00+01:00");
  const Instant to = t("2027-03-20T00:00:00+01:00");
  c.absences = {{"a1", "mueller", from, to, ""}, {"a2", "schmidt", from, to, ""}, {"a3", "weber", from, to, ""}};
  const auto chain = responsibility_chain(c, "mueller");
  EXPECT_EQ(first_present(c, chain, t("2027-03-16T09:00:00+01:00"), t("2027-03-16T09:30:00+01:00")),
            std::nullopt);
}

TEST(Responsibility, ValidCustomerNumbersAreThreeToTwentyLettersOrDigits) {
  EXPECT_TRUE(is_valid_customer_number("123"));
  EXPECT_TRUE(is_valid_customer_number(" 12345D1234567 "));
  EXPECT_TRUE(is_valid_customer_number("12345678901234567890"));
  EXPECT_FALSE(is_valid_customer_number("12"));
  EXPECT_FALSE(is_valid_customer_number("123456789012345678901"));
  EXPECT_FALSE(is_valid_customer_number("123 456"));
  EXPECT_FALSE(is_valid_customer_number("123-456"));
  EXPECT_FALSE(is_valid_customer_number("12ä45"));
  EXPECT_FALSE(is_valid_customer_number("   "));
}

// Mainz also splits customers without a known number by surname: A-K mueller, L-Sch weber, rest klein.
Catalog office_with_letters() {
  Catalog c = office();
  c.responsibility_rules.push_back({"mainz", "mueller", "", "", "A", "K"});
  c.responsibility_rules.push_back({"mainz", "weber", "", "", "L", "Sch"});
  c.responsibility_rules.push_back({"mainz", "klein", "", "", "Sci", "Z"});
  return c;
}

TEST(Responsibility, SurnameWithoutCustomerNumberGoesToTheLetterRangesCaseworker) {
  const Catalog c = office_with_letters();
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Erika Mustermann"), "weber");
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Braun, Jonas"), "mueller");
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Kai Schulz"), "weber");
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Lea Zimmer"), "klein");
}

TEST(Responsibility, UmlautsAndEszettAreFoldedBeforeTheLetterRangeIsChecked) {
  const Catalog c = office_with_letters();
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Ömer Öztürk"), "weber");  // O
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Anna Ärmel"), "mueller");  // A
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Jan Schüßler"), "weber");  // SCHUSSLER
}

TEST(Responsibility, CustomerNumberRuleWinsOverTheSurnameRule) {
  const Catalog c = office_with_letters();
  EXPECT_EQ(responsible_staff(c, "mainz", "60000", "Erika Mustermann"), "schmidt");
  // A number no rule covers (or one that is malformed) leaves the surname to decide.
  EXPECT_EQ(responsible_staff(c, "mainz", "100000", "Erika Mustermann"), "weber");
  EXPECT_EQ(responsible_staff(c, "mainz", "12-345", "Erika Mustermann"), "weber");
}

TEST(Responsibility, NameWithoutAMatchingLetterRuleHasNoCaseworker) {
  const Catalog c = office_with_letters();
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Тарас Шевченко"), std::nullopt);
  EXPECT_EQ(responsible_staff(c, "mainz", "", "   "), std::nullopt);
  EXPECT_EQ(responsible_staff(c, "worms", "", "Erika Mustermann"), std::nullopt);
  EXPECT_EQ(responsible_staff(office(), "mainz", "", "Erika Mustermann"), std::nullopt);
}

TEST(Responsibility, LetterRuleOfAnInactiveCaseworkerFallsToTheNextCoveringRule) {
  Catalog c = office_with_letters();
  c.staff[2].active = false;  // weber left; schmidt takes L-Z until the office rewrites the rules
  c.responsibility_rules.push_back({"mainz", "schmidt", "", "", "L", "Z"});
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Erika Mustermann"), "schmidt");
}

TEST(Responsibility, ANumberRuleNeverMatchesANameAndALetterRuleNeverANumber) {
  Catalog c;
  c.staff = {person("mueller")};
  c.responsibility_rules = {{"mainz", "mueller", "", "", "A", "Z"}};
  EXPECT_EQ(responsible_staff(c, "mainz", "12345"), std::nullopt);
  c.responsibility_rules = {{"mainz", "mueller", "AAA", "ZZZ", "", ""}};
  EXPECT_EQ(responsible_staff(c, "mainz", "", "Mustermann"), std::nullopt);
}

}  // namespace
}  // namespace amt
