// The document pre-check's pure rules: what a required document's status is, and on which day the
// one reminder is due (working days, public holidays and closures skipped).
#include "core/document_review.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

Instant t(int day, int hour) { return Instant{date::sys_days{date::year{2027} / 3 / day}} + std::chrono::hours{hour}; }

DocumentReview review(const std::string& doc, ReviewState s, Instant when) {
  return {"a1", doc, s, "illegible", "", "acc", "anna", when};
}

TEST(DocumentStatus, NothingUploadedAndNoVerdictIsNotReceived) {
  EXPECT_EQ(document_status("Mietvertrag", {}, {}), DocumentStatus::not_received);
  EXPECT_TRUE(outstanding(DocumentStatus::not_received));
}

TEST(DocumentStatus, AnUploadWithoutVerdictWaitsForACaseworker) {
  EXPECT_EQ(document_status("Mietvertrag", {{"Mietvertrag", t(1, 9)}}, {}), DocumentStatus::received);
  EXPECT_FALSE(outstanding(DocumentStatus::received));
}

TEST(DocumentStatus, UploadsForOtherDocumentsDoNotCount) {
  EXPECT_EQ(document_status("Mietvertrag", {{"Personalausweis", t(1, 9)}, {"", t(1, 9)}}, {}),
            DocumentStatus::not_received);
}

TEST(DocumentStatus, TheVerdictCountsForFilesUploadedBeforeIt) {
  const std::vector<UploadFact> uploads{{"Mietvertrag", t(1, 9)}};
  EXPECT_EQ(document_status("Mietvertrag", uploads, {review("Mietvertrag", ReviewState::unreadable, t(1, 10))}),
            DocumentStatus::unreadable);
  EXPECT_EQ(document_status("Mietvertrag", uploads, {review("Mietvertrag", ReviewState::accepted, t(1, 10))}),
            DocumentStatus::accepted);
  EXPECT_TRUE(outstanding(DocumentStatus::unreadable));
  EXPECT_TRUE(outstanding(DocumentStatus::wrong));
  EXPECT_TRUE(outstanding(DocumentStatus::missing));
  EXPECT_FALSE(outstanding(DocumentStatus::accepted));
}

TEST(DocumentStatus, ANewUploadAfterARejectionWaitsForReviewAgain) {
  const std::vector<UploadFact> uploads{{"Mietvertrag", t(1, 9)}, {"Mietvertrag", t(2, 9)}};
  EXPECT_EQ(document_status("Mietvertrag", uploads, {review("Mietvertrag", ReviewState::unreadable, t(1, 10))}),
            DocumentStatus::received);
}

TEST(DocumentStatus, AnUploadInTheSameSecondAsTheVerdictCountsAsSeen) {
  EXPECT_EQ(document_status("Mietvertrag", {{"Mietvertrag", t(1, 10)}},
                            {review("Mietvertrag", ReviewState::wrong, t(1, 10))}),
            DocumentStatus::wrong);
}

TEST(ReviewState, NamesRoundTripAndUnknownNamesAreRefused) {
  for (ReviewState s : {ReviewState::accepted, ReviewState::unreadable, ReviewState::wrong, ReviewState::missing})
    EXPECT_EQ(review_state_from_string(to_string(s)), s);
  EXPECT_FALSE(review_state_from_string("ok").has_value());
  EXPECT_TRUE(is_review_reason("illegible"));
  EXPECT_FALSE(is_review_reason("<script>"));
}

LocalDate review_day(int y, int m, int d) { return LocalDate{date::year{y} / m / d}; }

TEST(ReminderDay, TwoWorkingDaysBeforeAThursdayIsTuesday) {
  EXPECT_EQ(reminder_day(Location{}, review_day(2027, 3, 18), 2), review_day(2027, 3, 16));
}

TEST(ReminderDay, TheWeekendIsSkipped) {
  // Tuesday 16 March 2027: two working days before are Friday 12 and Monday 15.
  EXPECT_EQ(reminder_day(Location{}, review_day(2027, 3, 16), 2), review_day(2027, 3, 12));
}

TEST(ReminderDay, EasterMondayAndGoodFridayAreNoWorkingDays) {
  // Easter 2027 is 28 March: Good Friday 26, Easter Monday 29. Before Wednesday 31: Tuesday 30,
  // then Thursday 25.
  EXPECT_EQ(reminder_day(Location{}, review_day(2027, 3, 31), 2), review_day(2027, 3, 25));
}

TEST(ReminderDay, ALocalClosureIsNoWorkingDay) {
  Location l;
  l.closures = {review_day(2027, 3, 16)};
  EXPECT_EQ(reminder_day(l, review_day(2027, 3, 18), 2), review_day(2027, 3, 15));
}

}  // namespace
}  // namespace amt
