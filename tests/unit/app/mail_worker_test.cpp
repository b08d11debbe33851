// Retry timing and MIME composition of outgoing mail (delivery itself is tested end to end with a
// real SMTP server in tests/integration/test_mail.py).
#include "app/mail_worker.hpp"
#include "app/mime.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "app/qr.hpp"

namespace amt::app {
namespace {

using std::chrono::seconds;

TEST(RetryDelay, DoublesFromTheBaseUpToTheCap) {
  const RetryPolicy p{seconds{60}, seconds{3600}, 10};
  EXPECT_EQ(retry_delay(1, p, 0.999999), seconds{60});
  EXPECT_EQ(retry_delay(2, p, 0.999999), seconds{120});
  EXPECT_EQ(retry_delay(3, p, 0.999999), seconds{240});
  EXPECT_EQ(retry_delay(7, p, 0.999999), seconds{3600});
  EXPECT_EQ(retry_delay(1000, p, 0.999999), seconds{3600});
}

TEST(RetryDelay, JitterSpreadsRetriesOverTheUpperHalf) {
  const RetryPolicy p{seconds{60}, seconds{3600}, 10};
  EXPECT_EQ(retry_delay(2, p, 0.0), seconds{60});
  EXPECT_EQ(retry_delay(2, p, 0.5), seconds{90});
  EXPECT_EQ(retry_delay(1, RetryPolicy{seconds{1}, seconds{2}, 3}, 0.0), seconds{1}) << "never zero";
}

store::OutboxMessage message() {
  store::OutboxMessage m;
  m.id = "0123abcd";
  m.recipient = "erika@example.org";
  m.subject = "Ihr Termin am 16.03.2027 08:00 Uhr – Buchungscode K7M4QX, bitte Unterlagen mitbringen (Größe)";
  m.body = "Guten Tag Erika Müller,\nIhr Termin ist gebucht.\n";
  m.attachment_name = "termin-K7M4QX.ics";
  m.attachment_type = "text/calendar; charset=UTF-8; method=PUBLISH";
  m.attachment = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  return m;
}

const Instant date_of_mail = *parse_rfc3339("2027-03-08T07:00:05Z");

TEST(Mime, HeadersAreSevenBitWithEncodedSubjectAndStableMessageId) {
  const std::string mail = compose_mail(message(), "Jobcenter Mainz <termine@jc.example.org>", date_of_mail);
  EXPECT_TRUE(mail.starts_with("Date: Mon, 08 Mar 2027 07:00:05 +0000\r\n"));
  EXPECT_NE(mail.find("\r\nMessage-ID: <outbox-0123abcd@jc.example.org>\r\n"), std::string::npos);
  EXPECT_NE(mail.find("\r\nSubject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(mail.find("\r\nTo: erika@example.org\r\n"), std::string::npos);
  for (unsigned char c : mail) EXPECT_LT(c, 0x80) << "7-bit clean";
  std::size_t start = 0;
  for (auto end = mail.find("\r\n"); end != std::string::npos; end = mail.find("\r\n", start = end + 2))
    EXPECT_LE(end - start, 78u) << mail.substr(start, end - start);
  EXPECT_EQ(message_id(message(), "x <termine@jc.example.org>"), "<outbox-0123abcd@jc.example.org>")
      << "the same on every retry";
}

TEST(Mime, MultipartCarriesBase64TextAndTheCalendarAttachment) {
  const std::string mail = compose_mail(message(), "termine@jc.example.org", date_of_mail);
  const std::string boundary = "=_amtstermin_0123abcd";
  EXPECT_NE(mail.find("Content-Type: multipart/mixed; boundary=\"" + boundary + "\""), std::string::npos);
  EXPECT_NE(mail.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                      base64_lines(message().body)),
            std::string::npos);
  EXPECT_NE(mail.find("Content-Type: text/calendar; charset=UTF-8; method=PUBLISH;\r\n name=\"termin-K7M4QX.ics\""),
            std::string::npos);
  EXPECT_NE(mail.find("Content-Disposition: attachment; filename=\"termin-K7M4QX.ics\""), std::string::npos);
  EXPECT_TRUE(mail.ends_with("--" + boundary + "--\r\n"));
}

// The part after `marker` up to the next boundary line, base64-decoded.
std::string decoded_part(const std::string& mail, const std::string& marker) {
  const auto start = mail.find(marker);
  if (start == std::string::npos) return {};
  const auto body = mail.find("\r\n\r\n", start) + 4;
  std::string b64;
  for (std::size_t i = body; i < mail.size() && mail[i] != '-'; ++i)
    if (mail[i] != '\r' && mail[i] != '\n') b64.push_back(mail[i]);
  std::string out(b64.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.c_str(), b64.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return {};
  out.resize(length);
  return out;
}

TEST(Mime, QrTextBecomesAnInlinePngAfterTheTextAndTheCalendar) {
  auto m = message();
  m.qr_text = "K7M4QX";
  const std::string mail = compose_mail(m, "Jobcenter Mainz <termine@jc.example.org>", date_of_mail);
  const auto text = mail.find("Content-Type: text/plain");
  const auto calendar = mail.find("Content-Type: text/calendar");
  const auto image = mail.find("Content-Type: image/png;\r\n name=\"booking-code.png\"");
  ASSERT_NE(image, std::string::npos);
  EXPECT_LT(text, calendar);
  EXPECT_LT(calendar, image);
  EXPECT_NE(mail.find("Content-ID: <booking-code@jc.example.org>\r\n", calendar), std::string::npos);
  EXPECT_NE(mail.find("Content-Disposition: inline; filename=\"booking-code.png\"", image), std::string::npos);
  EXPECT_EQ(decoded_part(mail, "name=\"booking-code.png\""), qr_png("K7M4QX"));
  EXPECT_EQ(decoded_part(mail, "Content-Type: text/plain"), m.body) << "the text stays first and whole";
  for (unsigned char c : mail) EXPECT_LT(c, 0x80) << "7-bit clean";
}

TEST(Mime, QrCodeAloneStillMakesAMultipartMail) {
  auto m = message();
  m.attachment_name.clear();
  m.qr_text = "K7M4QX";
  const std::string mail = compose_mail(m, "termine@jc.example.org", date_of_mail);
  EXPECT_NE(mail.find("Content-Type: multipart/mixed;"), std::string::npos);
  EXPECT_EQ(mail.find("text/calendar"), std::string::npos);
  EXPECT_EQ(decoded_part(mail, "name=\"booking-code.png\"").substr(1, 3), "PNG");
}

TEST(Mime, LineBreakInAHeaderValueIsRefused) {
  auto m = message();
  m.recipient = "erika@example.org\r\nBcc: everyone@example.org";
  EXPECT_THROW(compose_mail(m, "termine@jc.example.org", date_of_mail), std::invalid_argument);
}

TEST(Mime, AddressIsTakenFromTheAngleBrackets) {
  EXPECT_EQ(address_of("Jobcenter Mainz <termine@jc.example.org>"), "termine@jc.example.org");
  EXPECT_EQ(address_of("termine@jc.example.org"), "termine@jc.example.org");
}

}  // namespace
}  // namespace amt::app
