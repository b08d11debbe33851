// What staff see of a failed SMS delivery: a gateway that echoes the recipient's number or the
// secret in its error answer has both taken out before the text is stored on the outbox row.
#include <gtest/gtest.h>

#include <string>

#include "app/sms_gateway.hpp"

namespace amt::app {
namespace {

constexpr std::string_view stored_number = "01512345678";  // as normalize_phone stores it

std::string redacted(std::string text) { return redact_number(std::move(text), stored_number, "49"); }

TEST(SmsError, TheNumberIsRedactedInEveryFormAGatewayWritesIt) {
  EXPECT_EQ(redacted("invalid recipient +491512345678"), "invalid recipient ***");
  EXPECT_EQ(redacted("invalid recipient 00491512345678."), "invalid recipient ***.");
  EXPECT_EQ(redacted(R"({"msisdn":"491512345678"})"), R"({"msisdn":"***"})");
  EXPECT_EQ(redacted("to 01512345678 failed"), "to *** failed");
  EXPECT_EQ(redacted("to 1512345678 failed"), "to *** failed");
  EXPECT_EQ(redacted("to +49 151 2345678 failed"), "to *** failed");
  EXPECT_EQ(redacted("to +49 (0)151 234 56-78 failed"), "to *** failed");
  EXPECT_EQ(redacted("to 0151/2345678 failed"), "to *** failed");
  EXPECT_EQ(redacted("to 0151-234.56.78 failed"), "to *** failed");
}

TEST(SmsError, EscapedPlusSignsLeaveNoDigitsOfTheNumber) {
  EXPECT_EQ(redacted("to=%2B491512345678&x=1"), "to=%2B***&x=1");
  EXPECT_EQ(redacted(R"({"to":"\u002B491512345678"})"), R"({"to":"\u002B***"})");
}

TEST(SmsError, EveryOccurrenceGoesAndOtherFiguresStay) {
  EXPECT_EQ(redacted("HTTP 500 0151 2345678 and again +491512345678, code 21211"),
            "HTTP 500 *** and again ***, code 21211");
  EXPECT_EQ(redacted("quota 500 of 1000 used"), "quota 500 of 1000 used");
  EXPECT_EQ(redacted("another number +491709999999"), "another number +491709999999");
}

TEST(SmsError, AForeignNumberIsRedactedWithItsCountryCode) {
  EXPECT_EQ(redact_number("bad: +43 660 123456 / 0043660123456", "+43660123456", "49"), "bad: *** / ***");
}

TEST(SmsError, GatewayAnswerThatEchoesNumberAndSecretIsStoredWithoutEither) {
  SmsGatewaySettings s;
  s.secret = "s3cr3t-token";
  s.success = parse_status_ranges({"200-299"});
  const SendOutcome failed = judge_gateway_answer(
      s, 500, R"({"error":"cannot deliver to +49 151 2345678","auth":"Bearer s3cr3t-token"})", stored_number);
  EXPECT_FALSE(failed.sent);
  EXPECT_EQ(failed.error, R"(HTTP 500: {"error":"cannot deliver to ***","auth":"Bearer ***"})");
}

TEST(SmsError, ALongAnswerIsRedactedBeforeItIsCutSoNoPartOfTheNumberIsLeft) {
  SmsGatewaySettings s;
  s.success = parse_status_ranges({"200-299"});
  const std::string padding(225, 'x');
  const SendOutcome failed = judge_gateway_answer(s, 500, padding + " +491512345678", stored_number);
  // Cut first, the answer would end in "+49151234": the first digits of the number.
  EXPECT_TRUE(failed.error.ends_with(padding + " ***")) << failed.error;
  EXPECT_LE(failed.error.size(), 240u);
}

TEST(SmsError, TheCutNeverSplitsAUtf8Character) {
  const std::string text = redact_sms_error(std::string(239, 'x') + "ä", SmsGatewaySettings{}, stored_number);
  EXPECT_EQ(text, std::string(239, 'x'));
}

}  // namespace
}  // namespace amt::app
