// Translations and language choice (app/i18n) with the catalogs compiled into the binary.
#include "app/i18n.hpp"

#include <gtest/gtest.h>

#include "web/templates.hpp"

namespace amt::app {
namespace {

const Translations& t() { return Translations::builtin(); }

TEST(I18n, TranslatesEnglishMsgidsIntoEachLanguage) {
  EXPECT_EQ(t().translate("de", "Choose a day"), "Tag wählen");
  EXPECT_EQ(t().translate("uk", "Choose a day"), "Виберіть день");
  EXPECT_EQ(t().translate("ar", "Choose a day"), "اختر يومًا");
  EXPECT_EQ(t().translate("tr", "Choose a day"), "Gün seçin");
  EXPECT_EQ(t().translate("ru", "Choose a day"), "Выберите день");
  EXPECT_EQ(t().translate("en", "Choose a day"), "Choose a day");
}

TEST(I18n, UnknownMsgidIsShownAsWrittenAndUnknownLanguageFallsBackToGerman) {
  EXPECT_EQ(t().translate("de", "No such text anywhere"), "No such text anywhere");
  EXPECT_EQ(t().translate("xx", "Choose a day"), "Tag wählen");
}

TEST(I18n, EveryTemplateTextIsTranslatedInAllLanguagesButEnglish) {
  const web::Templates templates(web::Templates::builtin_sources(), t());
  ASSERT_GT(templates.msgids().size(), 50u);
  for (std::string_view lang : supported_languages) {
    if (lang == "en") continue;
    for (const auto& msgid : templates.msgids()) {
      if (lang == "de" && msgid == "Name") continue;  // the same word in German
      EXPECT_NE(t().translate(lang, msgid), msgid) << lang << ": " << msgid;
    }
  }
}

TEST(I18n, CatalogTextsWrittenInGermanAreTranslatedInTheirOwnContext) {
  EXPECT_EQ(t().translate_catalog("de", "Mietvertrag"), "Mietvertrag");
  EXPECT_EQ(t().translate_catalog("en", "Mietvertrag"), "Rental agreement");
  EXPECT_EQ(t().translate_catalog("tr", "Mietvertrag"), "Kira sözleşmesi");
  EXPECT_EQ(t().translate_catalog("uk", "Ein neuer Dienst"), "Ein neuer Dienst");
  EXPECT_EQ(t().translate("en", "Mietvertrag"), "Mietvertrag");  // not a UI msgid
}

TEST(I18n, AcceptLanguagePicksTheBestSupportedLanguage) {
  EXPECT_EQ(language_from_accept("uk-UA,uk;q=0.9,en;q=0.8"), "uk");
  EXPECT_EQ(language_from_accept("fr-FR,fr;q=0.9,ar;q=0.5,en;q=0.4"), "ar");
  EXPECT_EQ(language_from_accept("fr"), "de");
  EXPECT_EQ(language_from_accept(""), "de");
  EXPECT_EQ(language_from_accept("TR"), "tr");
}

TEST(I18n, ArabicIsRightToLeftAndTheOthersAreNot) {
  EXPECT_TRUE(is_right_to_left("ar"));
  for (auto lang : {"de", "en", "uk", "tr", "ru"}) EXPECT_FALSE(is_right_to_left(lang));
}

TEST(I18n, DatesAreWrittenForTheLanguageInTheLocationsZone) {
  const Zone berlin = zone("Europe/Berlin");
  // 23:30 UTC on Sunday is already Monday in Berlin.
  const Instant t0 = *parse_rfc3339("2027-03-14T23:30:00Z");
  EXPECT_EQ(t().format_date("de", t0, berlin), "Montag, 15. März 2027");
  EXPECT_EQ(t().format_date("en", *parse_date("2027-03-15")), "Monday, 15 March 2027");
  EXPECT_NE(t().format_date("ru", *parse_date("2027-03-15")).find("марта"), std::string::npos);
  EXPECT_EQ(t().format_time(t0, berlin), "00:30");
}

}  // namespace
}  // namespace amt::app
