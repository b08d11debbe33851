// The appointment reminder run on a real SQLite store with the demo office: one mail and one SMS
// per appointment at their time, in the booking's language (SMS: German where the catalog has no
// translation), with the three links; opt-outs, landlines, cancelled and moved appointments.
#include "app/reminders.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/demo_data.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

Instant reminder_utc(const char* text) { return *parse_rfc3339(text); }

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-remind-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
  }
  void TearDown() override {
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // A run at now (UTC text) with the default rule.
  ReminderRun run_at(const char* now) {
    const Clock clock(reminder_utc(now));
    const Bookings bookings(*store_, *catalogs_, clock, BookingPolicy{3, 62, "s", "https://termine.example.org/"});
    Reminders reminders(*store_, *catalogs_, clock, bookings, {});
    return reminders.run();
  }
  // Wednesday 17 March 2027, 10:00 in Mainz, booked on 1 March.
  Appointment add(const std::string& id, const std::string& language = "en", const std::string& phone = "0151 2345678") {
    Appointment a;
    a.id = id;
    a.code = new_booking_code();
    a.location_id = "mainz";
    a.service_id = "first-application";
    a.staff_id = "staff-01";
    a.start = reminder_utc("2027-03-17T09:00:00Z");
    a.end = a.start + std::chrono::minutes(45);
    a.manage_token_hash = sha256_hex("token-" + id);
    a.contact = {"Erika Muster", "erika@example.org", phone};
    a.language = language;
    a.created_at = reminder_utc("2027-03-01T08:00:00Z");
    store_->write([&](store::WriteTx& tx) { tx.insert_appointment(a); });
    return a;
  }
  std::vector<store::OutboxMessage> reminders_of(const Appointment& a, const std::string& channel) {
    auto all = store_->outbox_for_appointment(a.id);
    std::erase_if(all, [&](const auto& m) { return m.kind != "appointment_reminder" || m.channel != channel; });
    return all;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
};

TEST_F(RemindersTest, TheMailGoesOutTwoDaysBeforeOnceWithTheThreeLinks) {
  const Appointment a = add("a1");
  EXPECT_EQ(run_at("2027-03-15T08:59:59Z").queued, 0);
  EXPECT_EQ(run_at("2027-03-15T09:00:00Z").queued, 1);
  EXPECT_EQ(run_at("2027-03-15T09:05:00Z").queued, 0);
  const auto mails = reminders_of(a, "email");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].recipient, "erika@example.org");
  EXPECT_EQ(mails[0].subject, "Reminder: your appointment on 17/03/2027 at 10:00 – booking code " + a.code);
  const std::string& body = mails[0].body;
  EXPECT_NE(body.find("https://termine.example.org/reminder/" + a.code + "/cancel?token=c"), std::string::npos);
  EXPECT_NE(body.find("https://termine.example.org/reminder/" + a.code + "/stop/email?token=c"), std::string::npos);
  EXPECT_NE(body.find("https://termine.example.org/manage/" + a.code + "?token=c"), std::string::npos);
  EXPECT_TRUE(reminders_of(a, "sms").empty());
}

TEST_F(RemindersTest, TheSmsGoesOutAtFourTheAfternoonBeforeInTheBookingsLanguageOrGerman) {
  const Appointment english = add("a1", "en");
  const Appointment ukrainian = add("a2", "uk");
  const Appointment arabic = add("a3", "ar");  // the SMS text has no Arabic translation yet
  EXPECT_EQ(run_at("2027-03-16T14:59:00Z").queued, 3);  // the three mails (late), no SMS before 16:00
  EXPECT_EQ(run_at("2027-03-16T15:00:00Z").queued, 3);
  const auto text = [&](const Appointment& a) { return reminders_of(a, "sms").at(0).body; };
  EXPECT_TRUE(text(english).starts_with("Jobcenter reminder: your appointment on 17/03/2027 at 10:00"));
  EXPECT_TRUE(text(ukrainian).starts_with("Нагадування Jobcenter"));
  EXPECT_TRUE(text(arabic).starts_with("Jobcenter-Erinnerung: Ihr Termin am 17.03.2027 um 10:00 Uhr"));
  EXPECT_NE(text(english).find("/reminder/" + english.code + "/stop/sms?token="), std::string::npos);
  EXPECT_EQ(reminders_of(english, "sms").at(0).recipient, "01512345678");
}

TEST_F(RemindersTest, NothingIsQueuedInTheQuietHoursAndTheLateReminderWaitsForEight) {
  const Appointment a = add("a1");
  EXPECT_EQ(run_at("2027-03-16T19:30:00Z").queued, 0);  // 20:30 in Mainz: both are due, both wait
  EXPECT_EQ(run_at("2027-03-17T06:59:00Z").queued, 0);
  EXPECT_EQ(run_at("2027-03-17T07:00:00Z").queued, 2);  // 08:00
  EXPECT_EQ(reminders_of(a, "email").size() + reminders_of(a, "sms").size(), 2u);
}

TEST_F(RemindersTest, AnOptedOutChannelAndALandlineGetNoSms) {
  const Appointment opted = add("a1");
  const Appointment landline = add("a2", "de", "06131 123456");
  store_->write([&](store::WriteTx& tx) { tx.opt_out_of_reminders(opted.id, "sms", reminder_utc("2027-03-10T10:00:00Z")); });
  const auto run = run_at("2027-03-16T15:00:00Z");
  EXPECT_EQ(run.queued, 2);   // the two mails
  EXPECT_EQ(run.skipped, 1);  // the landline's SMS, for good
  EXPECT_TRUE(reminders_of(opted, "sms").empty());
  EXPECT_TRUE(reminders_of(landline, "sms").empty());
  EXPECT_EQ(run_at("2027-03-16T15:01:00Z").skipped, 0);
}

TEST_F(RemindersTest, ACancelledAppointmentGetsNoneAndAMovedOneIsRemindedForItsNewTime) {
  Appointment cancelled = add("a1");
  cancelled.status = AppointmentStatus::cancelled;
  Appointment moved = add("a2");
  store_->write([&](store::WriteTx& tx) { tx.update_appointment(cancelled); });
  EXPECT_EQ(run_at("2027-03-15T09:00:00Z").queued, 1);
  moved.start += std::chrono::hours{24};
  moved.end += std::chrono::hours{24};
  store_->write([&](store::WriteTx& tx) { tx.update_appointment(moved); });
  EXPECT_EQ(run_at("2027-03-16T09:00:00Z").queued, 1);
  EXPECT_TRUE(store_->outbox_for_appointment(cancelled.id).empty());
  const auto mails = reminders_of(moved, "email");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[1].subject.find("18/03/2027"), std::string::npos);
}

TEST_F(RemindersTest, ASwitchedOffRunQueuesNothing) {
  add("a1");
  const Clock clock(reminder_utc("2027-03-16T15:00:00Z"));
  const Bookings bookings(*store_, *catalogs_, clock, BookingPolicy{3, 62, "s", "https://termine.example.org"});
  ReminderSettings off;
  off.enabled = false;
  Reminders reminders(*store_, *catalogs_, clock, bookings, off);
  EXPECT_EQ(reminders.run().queued, 0);
  EXPECT_TRUE(store_->outbox_for_appointment("a1").empty());
}

}  // namespace
}  // namespace amt::app
