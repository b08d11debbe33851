// Contract: appointment reminders (issue #8 item 1): which booked appointments a run selects, the
// claim that keeps a reminder to one (and lets a moved appointment be reminded again), opt-outs.
#include <stdexcept>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

std::vector<Id> reminder_ids(const std::vector<Appointment>& list) {
  std::vector<Id> ids;
  for (const auto& a : list) ids.push_back(a.id);
  return ids;
}

bool claim_one_reminder(Store& s, const Appointment& a, std::string_view channel, bool queued = true) {
  bool claimed = false;
  s.write([&](WriteTx& tx) { claimed = tx.claim_reminder({a.id, std::string(channel), a.start, queued, a.created_at}); });
  return claimed;
}

TEST_P(StoreContract, ReminderCandidatesAreBookedAppointmentsInTheWindowEarliestFirst) {
  const Instant window_start = at_utc(2027, 3, 15, 8, 30);  // after numbered(1)'s start
  for (int n : {4, 1, 2, 3, 5}) insert(store(), numbered(n));
  Appointment cancelled = numbered(6);
  cancelled.status = AppointmentStatus::cancelled;
  insert(store(), cancelled);
  Appointment checked_in = numbered(7);
  checked_in.status = AppointmentStatus::checked_in;
  insert(store(), checked_in);
  // (08:30, 10:00]: a1 starts at 08:30 (excluded), a5 at 10:30 (beyond).
  EXPECT_EQ(reminder_ids(store().reminder_candidates("email", window_start, at_utc(2027, 3, 15, 10), 100)),
            (std::vector<Id>{"a2", "a3", "a4"}));
  EXPECT_EQ(reminder_ids(store().reminder_candidates("sms", window_start, at_utc(2027, 3, 15, 10), 2)),
            (std::vector<Id>{"a2", "a3"}));
  const auto full = store().reminder_candidates("email", window_start, at_utc(2027, 3, 15, 10), 1);
  ASSERT_EQ(full.size(), 1u);
  expect_same(numbered(2), full[0]);
}

TEST_P(StoreContract, ReminderCandidatesNeedAContactForTheChannel) {
  Appointment mail_only = numbered(1);
  mail_only.contact.phone = "";
  Appointment phone_only = numbered(2);
  phone_only.contact.email = "";
  insert(store(), mail_only);
  insert(store(), phone_only);
  const Instant from = at_utc(2027, 3, 15, 0), to = at_utc(2027, 3, 16, 0);
  EXPECT_EQ(reminder_ids(store().reminder_candidates("email", from, to, 10)), std::vector<Id>{"a1"});
  EXPECT_EQ(reminder_ids(store().reminder_candidates("sms", from, to, 10)), std::vector<Id>{"a2"});
  EXPECT_TRUE(store().reminder_candidates("fax", from, to, 10).empty());
}

TEST_P(StoreContract, AClaimedReminderIsClaimedOnceAndNoLongerACandidateOnItsChannel) {
  const Appointment a = numbered(1);
  insert(store(), a);
  const Instant from = at_utc(2027, 3, 15, 0), to = at_utc(2027, 3, 16, 0);
  EXPECT_TRUE(claim_one_reminder(store(), a, "email"));
  EXPECT_FALSE(claim_one_reminder(store(), a, "email"));
  EXPECT_FALSE(claim_one_reminder(store(), a, "email", false));  // skipped or queued: one claim per start
  reopen();
  EXPECT_TRUE(store().reminder_candidates("email", from, to, 10).empty());
  EXPECT_EQ(reminder_ids(store().reminder_candidates("sms", from, to, 10)), std::vector<Id>{"a1"});
  EXPECT_TRUE(claim_one_reminder(store(), a, "sms", false));
  EXPECT_TRUE(store().reminder_candidates("sms", from, to, 10).empty());
}

TEST_P(StoreContract, AMovedAppointmentIsACandidateAgainForItsNewStart) {
  Appointment a = numbered(1);
  insert(store(), a);
  ASSERT_TRUE(claim_one_reminder(store(), a, "email"));
  a.start += Minutes{60};
  a.end += Minutes{60};
  store().write([&](WriteTx& tx) { tx.update_appointment(a); });
  EXPECT_EQ(reminder_ids(store().reminder_candidates("email", at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0), 10)),
            std::vector<Id>{"a1"});
  EXPECT_TRUE(claim_one_reminder(store(), a, "email"));
}

TEST_P(StoreContract, AnOptOutIsKeptOncePerChannelAndRemovesTheCandidate) {
  insert(store(), numbered(1));
  const Instant from = at_utc(2027, 3, 15, 0), to = at_utc(2027, 3, 16, 0);
  bool first = false, second = true;
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.reminder_opt_outs("a1").empty());
    first = tx.opt_out_of_reminders("a1", "sms", at_utc(2027, 3, 14, 9));
  });
  store().write([&](WriteTx& tx) { second = tx.opt_out_of_reminders("a1", "sms", at_utc(2027, 3, 14, 10)); });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  reopen();
  EXPECT_TRUE(store().reminder_candidates("sms", from, to, 10).empty());
  EXPECT_EQ(store().reminder_candidates("email", from, to, 10).size(), 1u);
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.opt_out_of_reminders("a1", "email", at_utc(2027, 3, 14, 11)));
    EXPECT_EQ(tx.reminder_opt_outs("a1"), (std::vector<std::string>{"email", "sms"}));
    EXPECT_TRUE(tx.reminder_opt_outs("a2").empty());
  });
}

TEST_P(StoreContract, AReminderClaimInAFailedWriteIsNotKept) {
  const Appointment a = numbered(1);
  insert(store(), a);
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.claim_reminder({a.id, "email", a.start, true, a.created_at}));
    EXPECT_TRUE(tx.opt_out_of_reminders(a.id, "sms", a.created_at));
    throw std::runtime_error("rolled back");
  }),
               std::runtime_error);
  EXPECT_TRUE(claim_one_reminder(store(), a, "email"));
  store().write([&](WriteTx& tx) { EXPECT_TRUE(tx.reminder_opt_outs(a.id).empty()); });
}

TEST_P(StoreContract, AnUnknownReminderChannelIsRefusedByTheDatabase) {
  const Appointment a = numbered(1);
  insert(store(), a);
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) { tx.claim_reminder({a.id, "fax", a.start, true, a.created_at}); }));
}

}  // namespace
}  // namespace amt::store::testing
