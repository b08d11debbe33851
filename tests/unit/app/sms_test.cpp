// Text messages to citizens: the booking confirmation in the booking's language where the catalogs
// have its text (German, English, Ukrainian, Turkish), German for any other language.
#include "app/sms.hpp"

#include <gtest/gtest.h>

namespace amt::app {
namespace {

Appointment confirmed_in(const char* language) {
  Appointment a;
  a.id = "appt-1";
  a.code = "K7M4QX";
  a.start = *parse_rfc3339("2027-03-15T07:00:00Z");  // 08:00 in Mainz
  a.end = a.start + std::chrono::minutes(45);
  a.language = language;
  return a;
}

std::string confirmation_text(const char* language) {
  const Instant now = *parse_rfc3339("2027-03-01T10:00:00Z");
  return booking_confirmed_sms(confirmed_in(language), "01512345678", zone("Europe/Berlin"), now).body;
}

TEST(Sms, BookingConfirmationIsInGermanForAGermanBooking) {
  EXPECT_EQ(confirmation_text("de"), "Jobcenter: Ihr Termin am 15.03.2027 um 08:00 Uhr ist gebucht. Buchungscode: K7M4QX");
}

TEST(Sms, BookingConfirmationIsInEnglishWithTheEnglishDateForAnEnglishBooking) {
  EXPECT_EQ(confirmation_text("en"), "Jobcenter: your appointment on 15/03/2027 at 08:00 is booked. Booking code: K7M4QX");
}

TEST(Sms, BookingConfirmationIsInUkrainianAndTurkishWhereTheCatalogsHaveIt) {
  EXPECT_EQ(confirmation_text("uk"), "Jobcenter: ваш запис на 15.03.2027 о 08:00 підтверджено. Код запису: K7M4QX");
  EXPECT_EQ(confirmation_text("tr"), "Jobcenter: 15.03.2027 saat 08:00 randevunuz alındı. Rezervasyon kodu: K7M4QX");
}

TEST(Sms, BookingConfirmationFallsBackToGermanWhereTheCatalogHasNoTranslation) {
  const std::string german = confirmation_text("de");
  EXPECT_EQ(confirmation_text("ar"), german);  // the SMS texts have no Arabic translation yet
  EXPECT_EQ(confirmation_text("ru"), german);
  EXPECT_EQ(confirmation_text("fr"), german);  // not a language we serve
  EXPECT_EQ(confirmation_text(""), german);
}

TEST(Sms, ConfirmationKeepsItsDedupeKeyAndRecipient) {
  const auto m = booking_confirmed_sms(confirmed_in("en"), "01512345678", zone("Europe/Berlin"),
                                       *parse_rfc3339("2027-03-01T10:00:00Z"));
  EXPECT_EQ(m.channel, "sms");
  EXPECT_EQ(m.kind, "booking_confirmed");
  EXPECT_EQ(m.recipient, "01512345678");
  EXPECT_EQ(m.dedupe_key, "sms:booking_confirmed:appt-1");
}

TEST(Sms, LanguageIsTheBookingsOnlyWhereTheCatalogsTranslateTheText) {
  const std::string_view untranslated = "Not a message any catalog has";
  EXPECT_EQ(sms_language("en", untranslated), "en");  // English is the msgid itself
  EXPECT_EQ(sms_language("uk", untranslated), "de");
  EXPECT_EQ(sms_language("uk", "Booking code"), "uk");
}

}  // namespace
}  // namespace amt::app
