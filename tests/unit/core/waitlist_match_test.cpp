// The waitlist sweep's pure rules: which free seats are new since the last look, and which waiting
// entry each new seat goes to, in join order.
#include "core/waitlist_match.hpp"

#include <gtest/gtest.h>

namespace amt {
namespace {

Zone match_zone() { return zone("Europe/Berlin"); }
// 2027-03-15 is a Monday; CET (UTC+1).
Instant match_local(const char* date, LocalTime t) {
  return resolve(match_zone(), at(*parse_date(date), t)).earliest;
}
Slot match_slot(const char* date, LocalTime t, int capacity = 1) {
  const Instant start = match_local(date, t);
  return {start, start + std::chrono::minutes{45}, capacity};
}

TEST(WaitlistNewlyFree, AStartNotSeenBeforeIsNewWithItsWholeCapacity) {
  const FreeTimesSeen before{{match_slot("2027-03-15", hm(8))}, *parse_date("2027-03-20")};
  const auto fresh =
      newly_free(before, {match_slot("2027-03-15", hm(8)), match_slot("2027-03-16", hm(9), 2)}, match_zone());
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].start, match_local("2027-03-16", hm(9)));
  EXPECT_EQ(fresh[0].capacity, 2);
}

TEST(WaitlistNewlyFree, AStartWithMoreCapacityThanBeforeCountsOnlyTheGain) {
  const FreeTimesSeen before{{match_slot("2027-03-15", hm(8), 1)}, *parse_date("2027-03-20")};
  const auto fresh = newly_free(before, {match_slot("2027-03-15", hm(8), 3)}, match_zone());
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].capacity, 2);
}

TEST(WaitlistNewlyFree, LessOrEqualCapacityAndVanishedStartsAreNothingNew) {
  const FreeTimesSeen before{{match_slot("2027-03-15", hm(8), 2), match_slot("2027-03-15", hm(9))},
                             *parse_date("2027-03-20")};
  EXPECT_TRUE(newly_free(before, {match_slot("2027-03-15", hm(8), 1)}, match_zone()).empty());
  EXPECT_TRUE(newly_free(before, {}, match_zone()).empty());
}

TEST(WaitlistNewlyFree, DaysBeyondTheLastLookAreNotNewWhenTheHorizonMovesOn) {
  const FreeTimesSeen before{{}, *parse_date("2027-03-15")};
  const auto fresh = newly_free(
      before, {match_slot("2027-03-15", hm(23)), match_slot("2027-03-16", hm(0, 15))}, match_zone());
  ASSERT_EQ(fresh.size(), 1u);  // 23:00 local on the last day counts, the next local day does not
  EXPECT_EQ(fresh[0].start, match_local("2027-03-15", hm(23)));
}

const WaitlistWish mondays_morning{0b0000001, hm(8), hm(12)};
const WaitlistWish tuesdays{0b0000010, hm(0), hm(24)};

TEST(WaitlistMatching, TheEarliestNewSeatGoesToTheFirstFittingEntryInJoinOrder) {
  const std::vector<WaitlistSeeker> seekers{{"a", tuesdays}, {"a", mondays_morning}, {"a", mondays_morning}};
  const std::map<Id, std::vector<Slot>> fresh{
      {"a", {match_slot("2027-03-15", hm(9)), match_slot("2027-03-16", hm(9))}}};
  const auto m = match_waitlist(seekers, fresh, match_zone());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].seeker, 0u);  // Tuesday's seat
  EXPECT_EQ(m[0].slot.start, match_local("2027-03-16", hm(9)));
  EXPECT_EQ(m[1].seeker, 1u);  // Monday's seat: the first Monday seeker, the second waits
  EXPECT_EQ(m[1].slot.start, match_local("2027-03-15", hm(9)));
}

TEST(WaitlistMatching, ASeatWithCapacityTwoServesTwoEntriesAndNoEntryGetsTwoSeats) {
  const std::vector<WaitlistSeeker> seekers{
      {"a", mondays_morning}, {"a", mondays_morning}, {"a", mondays_morning}};
  const std::map<Id, std::vector<Slot>> fresh{
      {"a", {match_slot("2027-03-15", hm(9), 2), match_slot("2027-03-15", hm(10))}}};
  const auto m = match_waitlist(seekers, fresh, match_zone());
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].slot.start, match_local("2027-03-15", hm(9)));
  EXPECT_EQ(m[1].slot.start, match_local("2027-03-15", hm(9)));
  EXPECT_EQ(m[2].slot.start, match_local("2027-03-15", hm(10)));
  for (const auto& x : m) EXPECT_EQ(x.slot.capacity, 1);
}

TEST(WaitlistMatching, ASeatOfAnotherServiceOrOutsideTheWishedHoursGoesToNobody) {
  const std::vector<WaitlistSeeker> seekers{{"a", mondays_morning}};
  EXPECT_TRUE(match_waitlist(seekers, {{"b", {match_slot("2027-03-15", hm(9))}}}, match_zone()).empty());
  // 11:30 + 45 minutes ends after 12:00.
  EXPECT_TRUE(match_waitlist(seekers, {{"a", {match_slot("2027-03-15", hm(11, 30))}}}, match_zone()).empty());
  EXPECT_TRUE(match_waitlist({}, {{"a", {match_slot("2027-03-15", hm(9))}}}, match_zone()).empty());
}

}  // namespace
}  // namespace amt
