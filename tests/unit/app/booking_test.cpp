// The booking use cases against a real SQLite file and the demo office, with a fixed clock.
#include "app/booking.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/demo_data.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

class BookingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("amt-booking-" + std::to_string(::getpid()) + "-" + random_nonce().substr(0, 8));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_, BookingPolicy{3, 62, "test-secret"});
  }
  void TearDown() override {
    bookings_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  BookingRequest request(const std::string& start, const std::string& email) {
    BookingRequest r;
    r.location_id = "mainz";
    r.service_id = "first-application";
    r.start = start;
    r.contact = {"Erika Mustermann", email, ""};
    return r;
  }

  // The first free slot of a service on a day, as offered to citizens.
  Slot first_slot(const std::string& service, const std::string& day) {
    auto answer = bookings_->availability({"mainz", service, day, day, ""});
    EXPECT_TRUE(answer.has_value());
    EXPECT_FALSE(answer->days.empty());
    return answer->days.front().slots.front();
  }

  std::string rfc3339(Instant t) { return format_rfc3339(t, zone("Europe/Berlin")); }

  std::filesystem::path dir_;
  Clock clock_{*parse_rfc3339("2027-03-08T07:00:00Z")};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Bookings> bookings_;
};

TEST_F(BookingsTest, BookingTakesOneUnitOfCapacityAndCancellingGivesItBack) {
  const Slot slot = first_slot("first-application", "2027-03-16");
  auto booked = bookings_->book(request(rfc3339(slot.start), "a@example.org"));
  ASSERT_TRUE(booked) << booked.error().detail;
  EXPECT_EQ(booked->appointment.status, AppointmentStatus::booked);
  EXPECT_TRUE(is_booking_code(booked->appointment.code));
  EXPECT_GE(booked->manage_token.size(), 22u);
  EXPECT_EQ(first_slot("first-application", "2027-03-16").capacity, slot.capacity - 1);

  auto cancelled = bookings_->cancel(booked->appointment.code, booked->manage_token);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, AppointmentStatus::cancelled);
  EXPECT_EQ(first_slot("first-application", "2027-03-16").capacity, slot.capacity);
}

TEST_F(BookingsTest, FullStartTimeAnswersSlotTaken) {
  const Slot slot = first_slot("first-application", "2027-03-17");
  for (int i = 0; i < slot.capacity; ++i)
    ASSERT_TRUE(bookings_->book(request(rfc3339(slot.start), "p" + std::to_string(i) + "@example.org")));
  auto refused = bookings_->book(request(rfc3339(slot.start), "late@example.org"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::slot_taken);
}

TEST_F(BookingsTest, RetryWithSameIdempotencyKeyReturnsTheSameBookingAndToken) {
  const Slot slot = first_slot("first-application", "2027-03-16");
  auto r = request(rfc3339(slot.start), "retry@example.org");
  r.idempotency_key = "key-1";
  auto first = bookings_->book(r);
  auto second = bookings_->book(r);
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(first->appointment.code, second->appointment.code);
  EXPECT_EQ(first->manage_token, second->manage_token);
  EXPECT_TRUE(bookings_->view(second->appointment.code, second->manage_token));

  r.note = "something else";
  auto conflict = bookings_->book(r);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().kind, ErrorKind::idempotency_conflict);
}

TEST_F(BookingsTest, FourthActiveBookingOfOneContactIsRefusedWhateverTheCase) {
  const Slot slot = first_slot("submit-documents", "2027-03-18");
  for (const char* email : {"max@example.org", "Max@Example.org", " MAX@example.org"}) {
    auto r = request(rfc3339(slot.start), email);
    r.service_id = "submit-documents";
    ASSERT_TRUE(bookings_->book(r));
  }
  auto r = request(rfc3339(slot.start), "max@EXAMPLE.org");
  r.service_id = "submit-documents";
  auto refused = bookings_->book(r);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::booking_limit);
}

TEST_F(BookingsTest, RescheduleKeepsCodeAndTokenAndFreesTheOldTime) {
  const Slot first = first_slot("first-application", "2027-03-16");
  const Slot later = first_slot("first-application", "2027-03-22");
  auto booked = bookings_->book(request(rfc3339(first.start), "move@example.org"));
  ASSERT_TRUE(booked);
  auto moved = bookings_->reschedule(booked->appointment.code, booked->manage_token, rfc3339(later.start));
  ASSERT_TRUE(moved) << moved.error().detail;
  EXPECT_EQ(moved->start, later.start);
  EXPECT_EQ(moved->code, booked->appointment.code);
  EXPECT_EQ(first_slot("first-application", "2027-03-16").capacity, first.capacity);
  auto seen = bookings_->view(booked->appointment.code, booked->manage_token);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->start, later.start);
}

TEST_F(BookingsTest, WrongTokenLooksExactlyLikeAnUnknownCode) {
  const Slot slot = first_slot("first-application", "2027-03-16");
  auto booked = bookings_->book(request(rfc3339(slot.start), "t@example.org"));
  ASSERT_TRUE(booked);
  auto wrong = bookings_->view(booked->appointment.code, "not-the-token");
  auto unknown = bookings_->view("ACDEFG", "not-the-token");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().kind, ErrorKind::not_found);
  EXPECT_EQ(wrong.error().detail, unknown.error().detail);
  EXPECT_EQ(bookings_->view(booked->appointment.code, "").error().kind, ErrorKind::unauthorized);
}

TEST_F(BookingsTest, InvalidFieldsAreAllReportedTogether) {
  BookingRequest r;
  r.location_id = "mainz";
  r.service_id = "no-such-service";
  r.start = "2027-03-16T08:00:00";
  r.contact = {"", "not-an-email", "12"};
  r.language = "fr";
  auto refused = bookings_->book(r);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::validation);
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"contact.name", "contact.email", "contact.phone", "language", "service",
                                           "start"}));
}

TEST_F(BookingsTest, StartOutsideOpeningHoursIsAFieldErrorNotAConflict) {
  auto refused = bookings_->book(request("2027-03-16T06:00:00+01:00", "early@example.org"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::validation);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "start");
}

TEST_F(BookingsTest, AvailabilityRejectsReversedAndOverlongRanges) {
  auto reversed = bookings_->availability({"mainz", "first-application", "2027-03-20", "2027-03-10", ""});
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().fields.at(0).code, "before_from");
  auto overlong = bookings_->availability({"mainz", "first-application", "2027-03-10", "2027-06-10", ""});
  ASSERT_FALSE(overlong);
  EXPECT_EQ(overlong.error().fields.at(0).code, "range_too_long");
}

}  // namespace
}  // namespace amt::app
