// Booking, rescheduling and cancelling queue the citizen's mail in the same transaction, with the
// content a citizen needs (code, local time, what to bring, manage link, calendar file).
#include "app/booking_mail.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/booking.hpp"
#include "app/demo_data.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

class BookingMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-mail-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_,
                                           BookingPolicy{3, 62, "test-secret", "https://termine.example.org/"});
  }
  void TearDown() override {
    bookings_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<Booked> book(const std::string& start, const std::string& email, const std::string& phone = "",
                      const std::string& language = "") {
    BookingRequest r;
    r.language = language;
    r.location_id = "mainz";
    r.service_id = "first-application";
    r.start = start;
    r.contact = {"Erika Mustermann", email, phone};
    return bookings_->book(r);
  }
  std::string slot(const std::string& day, std::size_t index = 0) {
    auto answer = bookings_->availability({"mainz", "first-application", day, day, ""});
    return format_rfc3339(answer->days.front().slots.at(index).start, zone("Europe/Berlin"));
  }
  std::vector<store::OutboxMessage> mails(const Booked& b) { return store_->outbox_for_appointment(b.appointment.id); }

  std::filesystem::path dir_;
  Clock clock_{*parse_rfc3339("2027-03-08T07:00:00Z")};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Bookings> bookings_;
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The mail is written before the booking's transaction, with a code that may turn out taken.
TEST_F(BookingMailTest, ACodeFoundTakenInTheTransactionIsReplacedInTheMailToo) {
  std::vector<std::string> codes = {"KAAAAA", "KAAAAA", "KBBBBB"};  // the second booking draws a taken one
  BookingPolicy policy{3, 62, "test-secret", "https://termine.example.org/"};
  policy.new_code = [&codes] {
    std::string code = codes.front();
    codes.erase(codes.begin());
    return code;
  };
  bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_, policy);
  auto first = book(slot("2027-03-16"), "first@example.org");
  ASSERT_TRUE(first) << first.error().detail;
  auto second = book(slot("2027-03-16"), "second@example.org");
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(first->appointment.code, "KAAAAA");
  EXPECT_EQ(second->appointment.code, "KBBBBB");
  EXPECT_EQ(store_->appointment_by_code("KBBBBB")->contact.email, "second@example.org");
  const auto queued = mails(*second);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_TRUE(contains(queued[0].subject, "KBBBBB"));
  EXPECT_TRUE(contains(queued[0].body, "Buchungscode: KBBBBB"));
  EXPECT_TRUE(contains(queued[0].body, "manage?code=KBBBBB&token=" + second->manage_token));
  EXPECT_FALSE(contains(queued[0].body + queued[0].subject + queued[0].attachment, "KAAAAA"));
  EXPECT_EQ(queued[0].attachment_name, "termin-KBBBBB.ics");
}

TEST_F(BookingMailTest, BookingWithEmailQueuesConfirmationWithCodeLocalTimeDocumentsAndManageLink) {
  auto booked = book("2027-03-16T08:00:00+01:00", "erika@example.org");
  ASSERT_TRUE(booked) << booked.error().detail;
  const auto queued = mails(*booked);
  ASSERT_EQ(queued.size(), 1u);
  const auto& m = queued[0];
  const std::string code = booked->appointment.code;
  EXPECT_EQ(m.channel, "email");
  EXPECT_EQ(m.kind, "booking_confirmed");
  EXPECT_EQ(m.recipient, "erika@example.org");
  EXPECT_EQ(m.subject, "Ihr Termin am 16.03.2027 08:00 Uhr – Buchungscode " + code);
  EXPECT_TRUE(contains(m.body, "Guten Tag Erika Mustermann,"));
  EXPECT_TRUE(contains(m.body, "Dienstag, 16. März 2027, 08:00 bis "));
  EXPECT_TRUE(contains(m.body, "Buchungscode: " + code));
  EXPECT_TRUE(contains(m.body, "- Personalausweis oder Pass\n- Mietvertrag\n"));
  EXPECT_TRUE(contains(m.body, "https://termine.example.org/manage?code=" + code + "&token=" + booked->manage_token));
  EXPECT_EQ(m.attachment_type, "text/calendar; charset=UTF-8; method=PUBLISH");
  EXPECT_TRUE(contains(m.attachment, "UID:" + code + "@termine.example.org"));
  EXPECT_TRUE(contains(m.attachment, "DTSTART;TZID=Europe/Berlin:20270316T080000"));
  EXPECT_EQ(m.qr_text, code) << "the mail shows the booking code as a QR image";
  EXPECT_TRUE(contains(m.body, "Das Bild im Anhang dieser E-Mail ist Ihr Buchungscode als QR-Code: Zeigen Sie ihn "
                               "am Eingang, um sich anzumelden.\n"))
      << "the text says what the attached picture is for";
  EXPECT_EQ(m.not_before, clock_.now());
}

TEST_F(BookingMailTest, BookingWithOnlyAPhoneNumberQueuesNoMail) {
  auto booked = book(slot("2027-03-16"), "", "+491701234567");
  ASSERT_TRUE(booked) << booked.error().detail;
  EXPECT_TRUE(mails(*booked).empty());
}

TEST_F(BookingMailTest, RepeatedIdempotentRequestSendsNoSecondMail) {
  BookingRequest r;
  r.location_id = "mainz";
  r.service_id = "first-application";
  r.start = slot("2027-03-16");
  r.contact = {"Erika Mustermann", "erika@example.org", ""};
  r.idempotency_key = "retry-1";
  auto first = bookings_->book(r);
  auto again = bookings_->book(r);
  ASSERT_TRUE(first && again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(mails(*first).size(), 1u);
}

TEST_F(BookingMailTest, RescheduleQueuesMailWithTheNewTimeAndCancelQueuesCancellation) {
  auto booked = book(slot("2027-03-16"), "erika@example.org");
  ASSERT_TRUE(booked);
  const std::string code = booked->appointment.code;
  ASSERT_TRUE(bookings_->reschedule(code, booked->manage_token, "2027-03-17T09:00:00+01:00"));
  ASSERT_TRUE(bookings_->cancel(code, booked->manage_token));
  const auto queued = mails(*booked);
  ASSERT_EQ(queued.size(), 3u);
  EXPECT_EQ(queued[1].kind, "booking_rescheduled");
  EXPECT_TRUE(contains(queued[1].body, "Mittwoch, 17. März 2027, 09:00 bis "));
  EXPECT_TRUE(contains(queued[1].body, "&token=" + booked->manage_token));
  EXPECT_TRUE(contains(queued[1].attachment, "DTSTART;TZID=Europe/Berlin:20270317T090000"));
  EXPECT_EQ(queued[1].qr_text, code);
  EXPECT_EQ(queued[2].qr_text, "") << "no code to show for a cancelled booking";
  EXPECT_FALSE(contains(queued[2].body, "QR")) << "nor words about a picture that is not there";
  EXPECT_EQ(queued[2].kind, "booking_cancelled");
  EXPECT_TRUE(contains(queued[2].subject, "abgesagt"));
  EXPECT_FALSE(contains(queued[2].body, "token=")) << "nothing left to manage";
  EXPECT_EQ(queued[2].attachment_type, "text/calendar; charset=UTF-8; method=CANCEL");
  EXPECT_TRUE(contains(queued[2].attachment, "STATUS:CANCELLED"));
  EXPECT_TRUE(contains(queued[2].attachment, "UID:" + code + "@termine.example.org"));
}

TEST_F(BookingMailTest, RefusedChangeQueuesNothing) {
  auto booked = book(slot("2027-03-16"), "erika@example.org");
  ASSERT_TRUE(booked);
  EXPECT_FALSE(bookings_->cancel(booked->appointment.code, "wrong-token"));
  EXPECT_FALSE(bookings_->reschedule(booked->appointment.code, booked->manage_token, "2027-03-14T09:00:00+01:00"));
  EXPECT_EQ(mails(*booked).size(), 1u);
}

TEST_F(BookingMailTest, ConfirmationIsWrittenInTheBookingsLanguageWithItsDates) {
  auto booked = book("2027-03-16T08:00:00+01:00", "erika@example.org", "", "en");
  ASSERT_TRUE(booked) << booked.error().detail;
  const auto m = mails(*booked).at(0);
  const std::string code = booked->appointment.code;
  EXPECT_EQ(m.subject, "Your appointment on 16/03/2027 at 08:00 – booking code " + code);
  EXPECT_TRUE(contains(m.body, "Hello Erika Mustermann,\n\nYour appointment is booked.")) << m.body;
  EXPECT_TRUE(contains(m.body, "When: Tuesday, 16 March 2027, 08:00 to 08:45\n")) << m.body;
  EXPECT_TRUE(contains(m.body, "Concern: First application for citizen's benefit (Bürgergeld)\n")) << m.body;
  EXPECT_TRUE(contains(m.body, "- ID card or passport\n- Rental agreement\n")) << m.body;
  EXPECT_TRUE(contains(m.body, "Booking code: " + code));
  EXPECT_FALSE(contains(m.body, "Buchungscode"));
  EXPECT_TRUE(contains(m.attachment, "DESCRIPTION:Booking code: " + code)) << "the calendar entry in English too";
}

TEST_F(BookingMailTest, ArabicAndUkrainianBookingsGetTheirMailsInTheirLanguage) {
  auto arabic = book(slot("2027-03-16"), "layla@example.org", "", "ar");
  ASSERT_TRUE(arabic) << arabic.error().detail;
  const auto ar = mails(*arabic).at(0);
  EXPECT_TRUE(contains(ar.subject, "رمز الحجز " + arabic->appointment.code)) << ar.subject;
  EXPECT_TRUE(contains(ar.body, "مرحبًا Erika Mustermann،")) << ar.body;
  EXPECT_TRUE(contains(ar.body, "تم حجز موعدك.")) << ar.body;

  auto ukrainian = book(slot("2027-03-16", 1), "olena@example.org", "", "uk");
  ASSERT_TRUE(ukrainian);
  const std::string code = ukrainian->appointment.code;
  ASSERT_TRUE(bookings_->reschedule(code, ukrainian->manage_token, "2027-03-17T09:00:00+01:00"));
  ASSERT_TRUE(bookings_->cancel(code, ukrainian->manage_token));
  const auto uk = mails(*ukrainian);
  ASSERT_EQ(uk.size(), 3u);
  EXPECT_TRUE(contains(uk[1].subject, "Ваш запис перенесено: 17.03.2027 о 09:00")) << uk[1].subject;
  EXPECT_TRUE(contains(uk[1].body, "березня 2027")) << uk[1].body;  // the month written in Ukrainian
  EXPECT_TRUE(contains(uk[2].subject, "скасовано")) << uk[2].subject;
  EXPECT_TRUE(contains(uk[2].body, "Новий запис ви можете зробити онлайн")) << uk[2].body;
}

TEST(MailTimes, TwentyFourHourClockInTheLocationsZoneAcrossSummerTime) {
  const Zone berlin = zone("Europe/Berlin");
  EXPECT_EQ(german_time(*parse_rfc3339("2027-07-05T06:05:00Z"), berlin), "08:05");
  EXPECT_EQ(german_time(*parse_rfc3339("2027-01-05T06:05:00Z"), berlin), "07:05");
}

}  // namespace
}  // namespace amt::app
