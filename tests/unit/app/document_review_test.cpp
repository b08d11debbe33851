// The document pre-check and day view use cases on a real SQLite store with the demo office:
// verdicts, the message to the citizen, the one reminder, location checks, and the day view.
#include "app/document_review.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "app/demo_data.hpp"
#include "app/preparation.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

Instant utc(const char* text) { return *parse_rfc3339(text); }

class DocumentReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-prep-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_,
                                           BookingPolicy{3, 62, "s", "https://termine.example.org"});
    reviews_ = make_reviews(clock_);
    caseworker_.roles = {Role::caseworker};
    caseworker_.location_id = "mainz";
    caseworker_.staff_id = "staff-01";
    elsewhere_ = caseworker_;
    elsewhere_.id = "acc-elsewhere";
    elsewhere_.location_id = "worms";
  }
  void TearDown() override {
    reviews_.reset();
    bookings_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<DocumentReviews> make_reviews(const Clock& clock) {
    return std::make_unique<DocumentReviews>(*store_, *catalogs_, *bookings_, clock,
                                             PrecheckSettings{dir_ / "uploads", 2, 28});
  }
  // A first application (five required documents) for staff-01.
  Appointment add(const std::string& id, const char* start, const std::string& customer = "123A456",
                  const char* created = "2027-03-01T08:00:00Z", const char* language = "en") {
    const Appointment a = appointment(id, start, customer, created, language);
    store_->write([&](store::WriteTx& tx) { tx.insert_appointment(a); });
    return a;
  }
  static Appointment appointment(const std::string& id, const char* start,
                                 const std::string& customer = "123A456",
                                 const char* created = "2027-03-01T08:00:00Z", const char* language = "en") {
    Appointment a;
    a.id = id;
    a.code = new_booking_code();
    a.location_id = "mainz";
    a.service_id = "first-application";
    a.staff_id = "staff-01";
    a.start = utc(start);
    a.end = a.start + std::chrono::minutes(45);
    a.manage_token_hash = sha256_hex("token-" + id);
    a.contact = {"Erika Muster", "erika@example.org", "+4915112345678"};
    a.customer_number = customer;
    a.note = "Fragen zur Miete";
    a.language = language;
    a.created_at = utc(created);
    return a;
  }
  void upload(const Appointment& a, const std::string& document, const char* at) {
    store_->write([&](store::WriteTx& tx) {
      tx.insert_document({random_nonce(), a.id, document, "scan.pdf", "application/pdf", 10, std::string(64, 'a'),
                          utc(at)});
    });
  }
  std::vector<store::OutboxMessage> outbox(const Appointment& a, const std::string& kind) {
    auto all = store_->outbox_for_appointment(a.id);
    std::erase_if(all, [&](const auto& m) { return m.kind != kind; });
    return all;
  }
  int audits(const std::string& action) {
    AuditQuery q;
    q.limit = 1000;
    const auto entries = store_->audit_entries(q);
    return static_cast<int>(std::count_if(entries.begin(), entries.end(), [&](const auto& e) { return e.action == action; }));
  }

  std::filesystem::path dir_;
  Clock clock_{utc("2027-03-08T07:00:00Z")};  // Monday 08:00 in Mainz
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Bookings> bookings_;
  std::unique_ptr<DocumentReviews> reviews_;
  StaffAccount caseworker_{"acc-cw", "carla", "Carla", "", "", {}, "", true, {}};
  StaffAccount elsewhere_;
};

TEST_F(DocumentReviewTest, RejectingADocumentQueuesOneMailAndOneSmsInTheBookingLanguageWithAWorkingLink) {
  const Appointment a = add("a1", "2027-03-10T09:00:00Z");
  upload(a, "Mietvertrag", "2027-03-07T10:00:00Z");
  const auto done = reviews_->review(caseworker_, a.code,
                                     {{"Mietvertrag", "unreadable", "illegible", "Seite 2 ist abgeschnitten"},
                                      {"Personalausweis oder Pass", "", "", ""}});
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(done->reviewed, 1);
  EXPECT_EQ(done->messages_queued, 2);
  const auto mails = outbox(a, "documents_rejected");
  ASSERT_EQ(mails.size(), 2u);
  const auto& mail = mails[0].channel == "email" ? mails[0] : mails[1];
  EXPECT_EQ(mail.recipient, "erika@example.org");
  EXPECT_NE(mail.subject.find(a.code), std::string::npos);
  EXPECT_NE(mail.body.find("Rental agreement: cannot be read (too blurred, too dark or cut off) – Seite 2"),
            std::string::npos)
      << mail.body;
  const auto link = mail.body.find("https://termine.example.org/manage?code=" + a.code + "&token=");
  ASSERT_NE(link, std::string::npos);
  EXPECT_TRUE(bookings_->view(a.code, bookings_->link_token(a)));
  EXPECT_NE(mail.body.find(bookings_->link_token(a)), std::string::npos);
  EXPECT_EQ(store_->document_reviews(a.id).size(), 1u);
  EXPECT_EQ(audits("document.review"), 1);
}

TEST_F(DocumentReviewTest, TheRejectionSmsIsInTheBookingLanguageOrInGermanWhereTheCatalogsHaveNoText) {
  const auto sms_after_rejection = [&](const std::string& id, const char* start, const char* language) {
    const Appointment a = add(id, start, "123A456", "2027-03-01T08:00:00Z", language);
    upload(a, "Mietvertrag", "2027-03-07T10:00:00Z");
    EXPECT_TRUE(reviews_->review(caseworker_, a.code, {{"Mietvertrag", "unreadable", "illegible", ""}}));
    const std::string link = "https://termine.example.org/manage?code=" + a.code + "&token=" + bookings_->link_token(a);
    for (const auto& m : outbox(a, "documents_rejected"))
      if (m.channel == "sms") return std::pair{m.body, " " + a.code + "): " + link};
    return std::pair{std::string("no SMS"), std::string()};
  };
  const auto [german, german_tail] = sms_after_rejection("a1", "2027-03-10T09:00:00Z", "de");
  EXPECT_TRUE(german.starts_with("Jobcenter: Bitte reichen Sie Unterlagen nach (Termin am 10.03.2027 um 10:00 Uhr, "))
      << german;
  EXPECT_TRUE(german.ends_with(german_tail)) << german;
  const auto [english, english_tail] = sms_after_rejection("a2", "2027-03-10T10:00:00Z", "en");
  EXPECT_TRUE(english.starts_with("Jobcenter: please send more documents (appointment on 10/03/2027 at 11:00, code "))
      << english;
  EXPECT_TRUE(english.ends_with(english_tail)) << english;
  const auto [arabic, arabic_tail] = sms_after_rejection("a3", "2027-03-10T11:00:00Z", "ar");
  EXPECT_TRUE(arabic.starts_with("Jobcenter: Bitte reichen Sie Unterlagen nach (Termin am 10.03.2027 um 12:00 Uhr, "))
      << arabic;
  EXPECT_TRUE(arabic.ends_with(arabic_tail)) << arabic;
}

TEST_F(DocumentReviewTest, AcceptingEverythingSendsNothing) {
  const Appointment a = add("a1", "2027-03-10T09:00:00Z");
  upload(a, "Mietvertrag", "2027-03-07T10:00:00Z");
  const auto done = reviews_->review(caseworker_, a.code, {{"Mietvertrag", "accepted", "none", ""}});
  ASSERT_TRUE(done);
  EXPECT_EQ(done->messages_queued, 0);
  EXPECT_TRUE(store_->outbox_for_appointment(a.id).empty());
  EXPECT_EQ(done->after.states.required[1].status, DocumentStatus::accepted);
}

TEST_F(DocumentReviewTest, RejectingWithoutAReasonOrForAnUnknownDocumentIsAFieldError) {
  const Appointment a = add("a1", "2027-03-10T09:00:00Z");
  const auto no_reason = reviews_->review(caseworker_, a.code, {{"Mietvertrag", "wrong", "none", ""}});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().fields.at(0).field, "documents.0.reason");
  const auto unknown = reviews_->review(caseworker_, a.code, {{"Geburtsurkunde", "accepted", "none", ""}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at(0).field, "documents.0.document");
  EXPECT_TRUE(store_->document_reviews(a.id).empty());
}

TEST_F(DocumentReviewTest, ACaseworkerOfAnotherLocationGetsNotFoundAndNothingIsRecorded) {
  const Appointment a = add("a1", "2027-03-10T09:00:00Z");
  upload(a, "Mietvertrag", "2027-03-07T10:00:00Z");
  const auto docs = store_->documents(a.id);
  EXPECT_EQ(reviews_->open(elsewhere_, a.code).error().kind, ErrorKind::not_found);
  EXPECT_EQ(reviews_->file(elsewhere_, a.code, docs[0].id).error().kind, ErrorKind::not_found);
  EXPECT_EQ(reviews_->review(elsewhere_, a.code, {{"Mietvertrag", "accepted", "none", ""}}).error().kind,
            ErrorKind::not_found);
  EXPECT_FALSE(reviews_->work_list(elsewhere_, {"mainz", "*"}));
  EXPECT_TRUE(store_->document_reviews(a.id).empty());
  EXPECT_EQ(audits("appointment.read") + audits("document.read"), 0);
}

TEST_F(DocumentReviewTest, WorkListHoldsFutureAppointmentsByDateAndAReuploadWaitsForReviewAgain) {
  const Appointment later = add("a1", "2027-03-12T09:00:00Z");
  const Appointment sooner = add("a2", "2027-03-09T09:00:00Z");
  add("past", "2027-03-05T09:00:00Z");
  ASSERT_TRUE(reviews_->review(caseworker_, later.code, {{"Mietvertrag", "unreadable", "illegible", ""}}));
  upload(later, "Mietvertrag", "2027-03-08T08:00:00Z");  // after the verdict (clock: 07:00 + run time)
  const auto list = reviews_->work_list(caseworker_, {"", ""});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->team, "Leistung 1");
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].appointment.id, sooner.id);
  EXPECT_EQ(list->items[1].appointment.id, later.id);
  EXPECT_EQ(list->items[1].states.required[1].status, DocumentStatus::received);
  EXPECT_EQ(list->items[1].states.waiting(), 1);
}

TEST_F(DocumentReviewTest, TheReminderGoesOutOnceOnTheDeadlineDayAndNotForAppointmentsBookedLater) {
  const Appointment thursday = add("a1", "2027-03-11T09:00:00Z");  // deadline: Tuesday 9 March
  const Appointment late = add("a2", "2027-03-11T11:00:00Z", "999", "2027-03-09T12:00:00Z");
  EXPECT_EQ(reviews_->send_reminders(), 0) << "Monday is before the deadline";
  const Clock tuesday{utc("2027-03-09T06:00:00Z")};
  auto on_tuesday = make_reviews(tuesday);
  EXPECT_EQ(on_tuesday->send_reminders(), 2) << "one e-mail and one SMS";
  EXPECT_EQ(on_tuesday->send_reminders(), 0);
  EXPECT_EQ(make_reviews(tuesday)->send_reminders(), 0) << "a restarted server sends no second one";
  const auto mails = outbox(thursday, "documents_reminder");
  ASSERT_EQ(mails.size(), 2u);
  const auto& mail = mails[0].channel == "email" ? mails[0] : mails[1];
  const auto& sms = mails[0].channel == "sms" ? mails[0] : mails[1];
  EXPECT_NE(mail.body.find("These documents are still missing"), std::string::npos) << mail.body;
  EXPECT_TRUE(sms.body.starts_with("Jobcenter: documents are still missing (appointment on 11/03/2027 at 10:00, code " +
                                   thursday.code + "): https://termine.example.org/manage?code="))
      << sms.body;
  EXPECT_TRUE(outbox(late, "documents_reminder").empty());
}

// Regression (issue #2 memory peak): one commit per reminder emptied the availability caches
// hundreds of times in the first second after a start. Every reminder still goes out, once.
TEST_F(DocumentReviewTest, ManyDueRemindersAreQueuedInAFewCommitsAndEachOnce) {
  const int count = 450;
  store_->write([&](store::WriteTx& tx) {
    for (int i = 0; i < count; ++i)
      tx.insert_appointment(appointment("bulk-" + std::to_string(i), "2027-03-11T09:00:00Z"));
  });
  const Clock tuesday{utc("2027-03-09T06:00:00Z")};
  auto on_tuesday = make_reviews(tuesday);
  const auto before = store_->data_version();
  ASSERT_TRUE(before);
  EXPECT_EQ(on_tuesday->send_reminders(), 2 * count) << "one e-mail and one SMS each";
  EXPECT_LE(*store_->data_version() - *before, 3u) << "batches of reminders, not one commit each";
  EXPECT_EQ(on_tuesday->send_reminders(), 0);
  for (const int i : {0, 199, 200, 449}) {
    const auto sent = store_->outbox_for_appointment("bulk-" + std::to_string(i));
    EXPECT_EQ(sent.size(), 2u) << i;
  }
}

TEST_F(DocumentReviewTest, NoReminderWhenEveryDocumentIsAccepted) {
  const Appointment a = add("a1", "2027-03-11T09:00:00Z");
  std::vector<ReviewInput> all;
  for (const char* d : {"Personalausweis oder Pass", "Mietvertrag", "Kontoauszüge der letzten drei Monate",
                        "Nachweise über Einkommen", "Nachweis der Krankenversicherung"})
    all.push_back({d, "accepted", "none", ""});
  ASSERT_TRUE(reviews_->review(caseworker_, a.code, all));
  EXPECT_EQ(make_reviews(Clock{utc("2027-03-09T06:00:00Z")})->send_reminders(), 0);
}

TEST_F(DocumentReviewTest, DayViewShowsOwnAppointmentsInOrderWithEarlierVisitsAndTheTeamLeadCountsPrepared) {
  add("old", "2027-02-15T09:00:00Z", "123A456");
  const Appointment tomorrow = add("t", "2027-03-09T08:00:00Z", "123A456");
  const Appointment today = add("d", "2027-03-08T12:00:00Z", "777");
  add("later", "2027-03-10T08:00:00Z");
  Preparations prep(*store_, *catalogs_, *reviews_, clock_);
  const auto view = prep.day(caseworker_, {});
  ASSERT_TRUE(view);
  ASSERT_EQ(view->entries.size(), 2u);
  EXPECT_EQ(view->entries[0].appointment.id, today.id);
  EXPECT_EQ(view->entries[1].appointment.id, tomorrow.id);
  ASSERT_EQ(view->entries[1].earlier_visits.size(), 1u);
  EXPECT_EQ(view->entries[1].earlier_visits[0].id, "old");
  EXPECT_EQ(view->next, 0u);
  EXPECT_EQ(audits("appointment.read"), 2);

  ASSERT_TRUE(prep.mark(caseworker_, today.code, true, "Bescheid vom März ansehen"));
  EXPECT_EQ(store_->preparation(today.id)->note, "Bescheid vom März ansehen");
  StaffAccount lead = caseworker_;
  lead.roles = {Role::team_lead};
  lead.staff_id = "staff-02";
  const auto team = prep.day(lead, {});
  ASSERT_TRUE(team);
  EXPECT_TRUE(team->whole_team);
  EXPECT_EQ(team->team, "Leistung 1");
  EXPECT_EQ(team->entries.size(), 2u);
  EXPECT_EQ(team->prepared, 1);
  StaffAccount other_team = lead;
  other_team.staff_id = "staff-15";  // Leistung 2
  EXPECT_TRUE(prep.day(other_team, {})->entries.empty());
  EXPECT_FALSE(prep.mark(elsewhere_, today.code, false, ""));
}

}  // namespace
}  // namespace amt::app
