// Surname folding and the letter ranges of surname responsibility rules.
#include "core/surname.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

std::string key(std::string_view name) { return fold_surname(name).value_or("<none>"); }

TEST(Surname, UmlautsLoseTheirDotsAndEszettBecomesDoubleS) {
  EXPECT_EQ(key("Müller"), "MULLER");
  EXPECT_EQ(key("Öztürk"), "OZTURK");
  EXPECT_EQ(key("Ärmel"), "ARMEL");
  EXPECT_EQ(key("Strauß"), "STRAUSS");
  EXPECT_EQ(key("STRAU\u1E9E"), "STRAUSS");  // capital sharp s
}

TEST(Surname, AccentsOfOtherLatinLettersAreDroppedAndLigaturesSpelledOut) {
  EXPECT_EQ(key("Łukasiewicz"), "LUKASIEWICZ");
  EXPECT_EQ(key("Şahin"), "SAHIN");
  EXPECT_EQ(key("Dvořák"), "DVORAK");
  EXPECT_EQ(key("Lefèvre"), "LEFEVRE");
  EXPECT_EQ(key("Ærø"), "AERO");
  EXPECT_EQ(key("Œuvray"), "OEUVRAY");
}

TEST(Surname, SpacesHyphensAndApostrophesBetweenLettersAreIgnored) {
  EXPECT_EQ(key("  Müller-Lüdenscheidt "), "MULLERLUDENSCHEIDT");
  EXPECT_EQ(key("O'Brien"), "OBRIEN");
  EXPECT_EQ(key("D\u2019Angelo"), "DANGELO");
}

TEST(Surname, NamesOutsideTheLatinAlphabetOrWithDigitsCannotBePlaced) {
  EXPECT_EQ(fold_surname("Шевченко"), std::nullopt);
  EXPECT_EQ(fold_surname("Meyer2"), std::nullopt);
  EXPECT_EQ(fold_surname("M\xC3"), std::nullopt);      // cut UTF-8
  EXPECT_EQ(fold_surname("M\x80xyz"), std::nullopt);   // stray continuation byte
  EXPECT_EQ(fold_surname("M\xC3\x97"), std::nullopt);  // × is no letter
}

TEST(Surname, SurnameIsTheLastWordOrWhatComesBeforeAComma) {
  EXPECT_EQ(surname_of("Erika Mustermann"), "Mustermann");
  EXPECT_EQ(surname_of("Mustermann, Erika"), "Mustermann");
  EXPECT_EQ(surname_of("  Müller  "), "Müller");
  EXPECT_EQ(surname_of("Anna Müller-Lüdenscheidt"), "Müller-Lüdenscheidt");
  EXPECT_EQ(surname_of(""), "");
}

TEST(Surname, BoundsAreOneToTenLettersWithoutSeparators) {
  EXPECT_EQ(surname_bound("ä"), "A");
  EXPECT_EQ(surname_bound(" Sch "), "SCH");
  EXPECT_EQ(surname_bound(""), std::nullopt);
  EXPECT_EQ(surname_bound("A1"), std::nullopt);
  EXPECT_EQ(surname_bound("O'B"), std::nullopt);
  EXPECT_EQ(surname_bound("Abcdefghijk"), std::nullopt);
}

TEST(Surname, RangeCoversEveryNameStartingWithItsLastLetters) {
  EXPECT_TRUE(surname_in_range("ADAMS", "A", "K"));
  EXPECT_TRUE(surname_in_range("KUHN", "A", "K"));
  EXPECT_FALSE(surname_in_range("LANG", "A", "K"));
  EXPECT_TRUE(surname_in_range("SCHMIDT", "SCH", "SZ"));
  EXPECT_TRUE(surname_in_range("SZABO", "SCH", "SZ"));
  EXPECT_FALSE(surname_in_range("SAUER", "SCH", "SZ"));
  EXPECT_FALSE(surname_in_range("SC", "SCH", "SZ"));
  EXPECT_FALSE(surname_in_range("", "A", "Z"));
}

TEST(Surname, RangesOverlapWhenSomeNameLiesInBoth) {
  EXPECT_FALSE(surname_ranges_overlap("A", "K", "L", "Z"));
  EXPECT_TRUE(surname_ranges_overlap("A", "K", "K", "Z"));
  EXPECT_TRUE(surname_ranges_overlap("A", "S", "SCH", "SZ"));   // "S" as an end covers all of S
  EXPECT_FALSE(surname_ranges_overlap("A", "SC", "SD", "Z"));
  EXPECT_TRUE(surname_ranges_overlap("SD", "Z", "A", "SDA"));
  EXPECT_FALSE(surname_ranges_overlap("SCH", "SZ", "T", "Z"));
}

}  // namespace
}  // namespace amt
