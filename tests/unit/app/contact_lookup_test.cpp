// Finding a booking by code plus e-mail or mobile number (for citizens without the manage link).
#include <gtest/gtest.h>

#include <filesystem>

#include "app/booking.hpp"
#include "app/demo_data.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

class ContactLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("amt-lookup-" + std::to_string(::getpid()) + "-" + random_nonce().substr(0, 8));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_, BookingPolicy{3, 62, "test-secret"});
    auto answer = bookings_->availability({"mainz", "first-application", "2027-03-16", "2027-03-16", ""});
    BookingRequest r;
    r.location_id = "mainz";
    r.service_id = "first-application";
    r.start = format_rfc3339(answer->days.front().slots.front().start, zone("Europe/Berlin"));
    r.contact = {"Erika Mustermann", "Erika@Example.org", "0151 234 5678"};
    booked_ = *bookings_->book(r);
  }
  void TearDown() override {
    bookings_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  Clock clock_{*parse_rfc3339("2027-03-08T07:00:00Z")};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Bookings> bookings_;
  Booked booked_;
};

TEST_F(ContactLookupTest, EmailInAnySpellingGivesATokenThatOpensTheBooking) {
  const auto access = bookings_->access_by_contact(booked_.appointment.code, "  erika@EXAMPLE.org ");
  ASSERT_TRUE(access.has_value());
  const auto viewed = bookings_->view(booked_.appointment.code, *access);
  ASSERT_TRUE(viewed.has_value());
  EXPECT_EQ(viewed->id, booked_.appointment.id);
}

TEST_F(ContactLookupTest, PhoneWithOtherSeparatorsAlsoMatches) {
  EXPECT_TRUE(bookings_->access_by_contact(booked_.appointment.code, "0151/2345678").has_value());
}

TEST_F(ContactLookupTest, UnknownCodeAndWrongContactGetTheSameAnswer) {
  const auto wrong_contact = bookings_->access_by_contact(booked_.appointment.code, "other@example.org");
  const auto unknown_code = bookings_->access_by_contact("KKKKKK", "erika@example.org");
  const auto malformed = bookings_->access_by_contact("x'; drop", "erika@example.org");
  for (const auto* r : {&wrong_contact, &unknown_code, &malformed}) {
    ASSERT_FALSE(r->has_value());
    EXPECT_EQ(r->error().kind, ErrorKind::not_found);
    EXPECT_EQ(r->error().detail, wrong_contact.error().detail);
  }
}

TEST_F(ContactLookupTest, AccessTokenOfOneBookingDoesNotOpenAnother) {
  const auto access = bookings_->access_by_contact(booked_.appointment.code, "erika@example.org");
  ASSERT_TRUE(access.has_value());
  EXPECT_FALSE(bookings_->cancel("KKKKKK", *access).has_value());
  EXPECT_FALSE(bookings_->view(booked_.appointment.code, "c" + access->substr(2)).has_value());
}

TEST_F(ContactLookupTest, AccessTokenCancelsLikeTheManageToken) {
  const auto access = bookings_->access_by_contact(booked_.appointment.code, "0151 2345678");
  ASSERT_TRUE(access.has_value());
  const auto cancelled = bookings_->cancel(booked_.appointment.code, *access);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, AppointmentStatus::cancelled);
}

TEST_F(ContactLookupTest, CheckReportsContactErrorsWithoutBooking) {
  BookingRequest r;
  r.location_id = "mainz";
  r.service_id = "first-application";
  r.start = format_rfc3339(booked_.appointment.start, zone("Europe/Berlin"));
  r.contact = {"", "not-an-address", ""};
  const auto count = store_->count_appointments();
  const auto errors = bookings_->check(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "contact.name");
  EXPECT_EQ(errors[1].field, "contact.email");
  EXPECT_EQ(store_->count_appointments(), count);
}

}  // namespace
}  // namespace amt::app
