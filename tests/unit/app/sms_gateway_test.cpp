// The SMS gateway's request templates and success rule (delivery itself is tested end to end with
// a recording gateway in tests/integration/test_sms.py).
#include "app/sms_gateway.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace amt::app {
namespace {

store::OutboxMessage sms() {
  store::OutboxMessage m;
  m.id = "a1b2c3";
  m.channel = "sms";
  m.recipient = "01512345678";
  m.body = "Termin am 16.03. um 08:00 Uhr, \"Zimmer\" 2\nCode K7M4QX & mehr";
  return m;
}

SmsGatewaySettings gateway() {
  SmsGatewaySettings s;
  s.url = "https://sms.example/send?ref={id}&to={number}";
  s.headers = {"Authorization: Bearer {secret}"};
  s.secret = "s3cr3t-token";
  s.body = R"({"to": "{number}", "text": "{text}", "reference": "{id}", "literal": "{unknown}"})";
  return s;
}

TEST(SmsGateway, JsonBodyCarriesNumberTextAndIdExactlyAfterParsing) {
  const SmsRequest r = sms_request(gateway(), sms());
  const auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc.at("to").as_string(), "+491512345678");
  EXPECT_EQ(doc.at("text").as_string(), sms().body) << "quotes, line break and & survive";
  EXPECT_EQ(doc.at("reference").as_string(), "a1b2c3");
  EXPECT_EQ(doc.at("literal").as_string(), "{unknown}") << "unknown placeholders stay as written";
  EXPECT_EQ(r.method, "POST");
}

TEST(SmsGateway, UrlIsPercentEncodedAndHeadersGetTheSecretAndAContentType) {
  const SmsRequest r = sms_request(gateway(), sms());
  EXPECT_EQ(r.url, "https://sms.example/send?ref=a1b2c3&to=%2B491512345678");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0], "Authorization: Bearer s3cr3t-token");
  EXPECT_EQ(r.headers[1], "Content-Type: application/json");
}

TEST(SmsGateway, FormBodyIsFormEncodedAndAGivenContentTypeIsKept) {
  SmsGatewaySettings s = gateway();
  s.body_format = SmsBodyFormat::form;
  s.body = "To={msisdn}&Body={text}&Key={secret}";
  s.headers = {"content-type: application/x-www-form-urlencoded; charset=utf-8"};
  auto m = sms();
  m.body = "Ä & b=c";
  const SmsRequest r = sms_request(s, m);
  EXPECT_EQ(r.body, "To=491512345678&Body=%C3%84%20%26%20b%3Dc&Key=s3cr3t-token");
  EXPECT_EQ(r.headers.size(), 1u);
}

TEST(SmsGateway, GetSendsNoBodyAndAValueCannotStartAHeaderOfItsOwn) {
  SmsGatewaySettings s = gateway();
  s.method = "GET";
  s.headers = {"X-Text: {text}"};
  const SmsRequest r = sms_request(s, sms());
  EXPECT_TRUE(r.body.empty());
  ASSERT_EQ(r.headers.size(), 1u) << "no Content-Type without a body";
  EXPECT_EQ(r.headers[0].find('\n'), std::string::npos);
}

TEST(SmsGateway, AFilledInValueIsNeverSearchedForPlaceholdersAgain) {
  auto m = sms();
  m.body = "{secret}";
  const auto doc = boost::json::parse(sms_request(gateway(), m).body).as_object();
  EXPECT_EQ(doc.at("text").as_string(), "{secret}");
}

TEST(SmsGateway, NumbersBecomeInternational) {
  EXPECT_EQ(international_number("01512345678", "49"), "+491512345678");
  EXPECT_EQ(international_number("+43660123456", "49"), "+43660123456");
  EXPECT_EQ(international_number("0043660123456", "49"), "+43660123456");
  EXPECT_EQ(international_number("01512345678", "43"), "+431512345678");
}

TEST(SmsGateway, SuccessNeedsAListedStatusAndTheBodySubstringWhenOneIsSet) {
  SmsGatewaySettings s = gateway();
  s.success = parse_status_ranges({"200-202", "204"});
  EXPECT_TRUE(judge_gateway_answer(s, 202, "", "01512345678").sent);
  EXPECT_TRUE(judge_gateway_answer(s, 204, "", "01512345678").sent);
  EXPECT_FALSE(judge_gateway_answer(s, 203, "", "01512345678").sent);
  s.success_body = "\"status\":\"ok\"";
  EXPECT_TRUE(judge_gateway_answer(s, 200, R"({"status":"ok"})", "01512345678").sent);
  const SendOutcome refused = judge_gateway_answer(s, 200, R"({"status":"error"})", "01512345678");
  EXPECT_FALSE(refused.sent);
  EXPECT_FALSE(refused.permanent);
  EXPECT_NE(refused.error.find("HTTP 200 without"), std::string::npos) << refused.error;
}

TEST(SmsGateway, OnlyListedFailuresArePermanentAndEveryOtherIsRetried) {
  SmsGatewaySettings s = gateway();
  s.permanent = parse_status_ranges({"400", "422"});
  EXPECT_TRUE(judge_gateway_answer(s, 422, "bad number", "01512345678").permanent);
  EXPECT_FALSE(judge_gateway_answer(s, 500, "", "01512345678").permanent);
  EXPECT_FALSE(judge_gateway_answer(s, 429, "", "01512345678").permanent);
  EXPECT_EQ(judge_gateway_answer(s, 500, "down\nfor maintenance", "01512345678").error, "HTTP 500: down for maintenance");
}

TEST(SmsGateway, TheSecretNeverAppearsInAnError) {
  const SendOutcome echoed = judge_gateway_answer(gateway(), 401, "Bearer s3cr3t-token is not valid", "01512345678");
  EXPECT_EQ(echoed.error, "HTTP 401: Bearer *** is not valid");
  EXPECT_EQ(scrub_secret("a s3cr3t-tokens3cr3t-token b", "s3cr3t-token"), "a ****** b");
  EXPECT_EQ(scrub_secret("nothing here", ""), "nothing here");
}

TEST(SmsGateway, StatusRangesAreCheckedWhenRead) {
  EXPECT_THROW(parse_status_ranges({"2xx"}), std::invalid_argument);
  EXPECT_THROW(parse_status_ranges({"299-200"}), std::invalid_argument);
  EXPECT_THROW(parse_status_ranges({"20"}), std::invalid_argument);
  const auto r = parse_status_ranges({" 200 - 299 ", "418"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].first, 200);
  EXPECT_EQ(r[1].last, 418);
}

TEST(SmsGateway, BrokenSettingsAreRefusedAtStart) {
  EXPECT_NO_THROW(check_sms_settings(gateway()));
  auto s = gateway();
  s.body = R"({"to": {number}})";  // the number is not quoted: not JSON once filled in
  EXPECT_THROW(check_sms_settings(s), std::invalid_argument);
  s = gateway();
  s.url = "ftp://sms.example";
  EXPECT_THROW(check_sms_settings(s), std::invalid_argument);
  s = gateway();
  s.method = "DELETE";
  EXPECT_THROW(check_sms_settings(s), std::invalid_argument);
  s = gateway();
  s.secret = "line\nbreak";
  EXPECT_THROW(check_sms_settings(s), std::invalid_argument);
  s = gateway();
  s.headers = {"no colon"};
  EXPECT_THROW(check_sms_settings(s), std::invalid_argument);
}

}  // namespace
}  // namespace amt::app
