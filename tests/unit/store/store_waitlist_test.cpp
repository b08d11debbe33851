// Contract: waitlist entries (issue #8 item 3, migration 015): stored with every field, listed in
// join order, changed only from the status the writer expects, and held appointments.
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

WaitlistEntry sample_entry(const std::string& id) {
  WaitlistEntry e;
  e.id = id;
  e.token_nonce = "nonce-" + id;
  e.location_id = "mainz";
  e.service_id = "first-application";
  e.wish = {0b00101, hm(9), hm(12, 30)};
  e.contact = {"Ada " + id, id + "@example.org", "+4917012345678"};
  e.language = "en";
  e.joined_at = at_utc(2027, 3, 1, 8);
  e.changed_at = e.joined_at;
  return e;
}

void add_entry(Store& store, const WaitlistEntry& e) {
  store.write([&](WriteTx& tx) { tx.insert_waitlist_entry(e); });
}

void expect_same_entry(const WaitlistEntry& expected, const WaitlistEntry& actual) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.token_nonce, expected.token_nonce);
  EXPECT_EQ(actual.location_id, expected.location_id);
  EXPECT_EQ(actual.service_id, expected.service_id);
  EXPECT_EQ(actual.wish, expected.wish);
  EXPECT_EQ(actual.contact.name, expected.contact.name);
  EXPECT_EQ(actual.contact.email, expected.contact.email);
  EXPECT_EQ(actual.contact.phone, expected.contact.phone);
  EXPECT_EQ(actual.language, expected.language);
  EXPECT_EQ(actual.joined_at, expected.joined_at);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.appointment_id, expected.appointment_id);
  EXPECT_EQ(actual.hold_until, expected.hold_until);
  EXPECT_EQ(actual.offers, expected.offers);
  EXPECT_EQ(actual.changed_at, expected.changed_at);
}

std::vector<std::string> ids(const std::vector<WaitlistEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

WaitlistEntry offered(WaitlistEntry e, const std::string& appointment_id, Instant until) {
  e.status = WaitlistStatus::offered;
  e.appointment_id = appointment_id;
  e.hold_until = until;
  e.offers += 1;
  e.changed_at = at_utc(2027, 3, 2, 9);
  return e;
}

TEST_P(StoreContract, WaitlistEntryReadsBackWithEveryField) {
  const WaitlistEntry written = sample_entry("w1");
  add_entry(store(), written);
  reopen();
  const auto read = store().waitlist_entry("w1");
  ASSERT_TRUE(read.has_value());
  expect_same_entry(written, *read);
  EXPECT_FALSE(store().waitlist_entry("nobody").has_value());
  std::optional<WaitlistEntry> in_tx;
  store().write([&](WriteTx& tx) { in_tx = tx.waitlist_entry("w1"); });
  ASSERT_TRUE(in_tx.has_value());
  expect_same_entry(written, *in_tx);
}

TEST_P(StoreContract, WaitlistEntriesAreListedInJoinOrderPerLocation) {
  // Joined in the same second: the order of joining still decides.
  for (const char* id : {"z-first", "a-second", "m-third"}) add_entry(store(), sample_entry(id));
  WaitlistEntry elsewhere = sample_entry("elsewhere");
  elsewhere.location_id = "worms";
  add_entry(store(), elsewhere);
  std::vector<WaitlistEntry> waiting;
  store().write([&](WriteTx& tx) { waiting = tx.waiting_entries("mainz"); });
  EXPECT_EQ(ids(waiting), (std::vector<std::string>{"z-first", "a-second", "m-third"}));
  EXPECT_EQ(ids(store().open_waitlist_entries("mainz")), (std::vector<std::string>{"z-first", "a-second", "m-third"}));
}

TEST_P(StoreContract, WaitlistOfferChangesOnlyFromTheExpectedStatus) {
  const WaitlistEntry e = sample_entry("w1");
  add_entry(store(), e);
  const WaitlistEntry offer = offered(e, "held-1", at_utc(2027, 3, 2, 11));
  bool first = false;
  bool second = false;
  store().write([&](WriteTx& tx) { first = tx.change_waitlist_entry(offer, WaitlistStatus::waiting); });
  store().write([&](WriteTx& tx) {
    second = tx.change_waitlist_entry(offered(e, "held-2", at_utc(2027, 3, 2, 12)), WaitlistStatus::waiting);
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);  // one offer per entry at a time
  expect_same_entry(offer, *store().waitlist_entry("w1"));
  std::vector<WaitlistEntry> waiting;
  store().write([&](WriteTx& tx) { waiting = tx.waiting_entries("mainz"); });
  EXPECT_TRUE(waiting.empty());
  EXPECT_EQ(ids(store().open_waitlist_entries("mainz")), std::vector<std::string>{"w1"});

  WaitlistEntry booked = offer;
  booked.status = WaitlistStatus::booked;
  booked.hold_until.reset();
  bool accepted = false;
  bool again = false;
  store().write([&](WriteTx& tx) { accepted = tx.change_waitlist_entry(booked, WaitlistStatus::offered); });
  store().write([&](WriteTx& tx) { again = tx.change_waitlist_entry(booked, WaitlistStatus::offered); });
  EXPECT_TRUE(accepted);
  EXPECT_FALSE(again);  // accepted exactly once
  expect_same_entry(booked, *store().waitlist_entry("w1"));
  EXPECT_TRUE(store().open_waitlist_entries("mainz").empty());
}

// Three entries; "soon" holds a time until 10:00, "later" one until 12:00, "waiting" none.
void hold_soon_and_later(Store& store) {
  for (const char* id : {"soon", "later", "waiting"}) add_entry(store, sample_entry(id));
  store.write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.change_waitlist_entry(offered(sample_entry("later"), "h2", at_utc(2027, 3, 2, 12)),
                                         WaitlistStatus::waiting));
    EXPECT_TRUE(tx.change_waitlist_entry(offered(sample_entry("soon"), "h1", at_utc(2027, 3, 2, 10)),
                                         WaitlistStatus::waiting));
  });
}

TEST_P(StoreContract, LapsedWaitlistHoldsAreThoseWhoseHoldEnded) {
  hold_soon_and_later(store());
  std::vector<WaitlistEntry> none, one, both;
  store().write([&](WriteTx& tx) {
    none = tx.lapsed_waitlist_holds(at_utc(2027, 3, 2, 9));
    one = tx.lapsed_waitlist_holds(at_utc(2027, 3, 2, 10));
    both = tx.lapsed_waitlist_holds(at_utc(2027, 3, 3, 0));
  });
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(ids(one), std::vector<std::string>{"soon"});
  EXPECT_EQ(ids(both), (std::vector<std::string>{"soon", "later"}));
}

TEST_P(StoreContract, LapsedWaitlistHoldsReadOutsideAWriteAreTheSameAsInside) {
  hold_soon_and_later(store());
  EXPECT_TRUE(store().lapsed_waitlist_holds(at_utc(2027, 3, 2, 9)).empty());
  EXPECT_EQ(ids(store().lapsed_waitlist_holds(at_utc(2027, 3, 2, 10))), std::vector<std::string>{"soon"});
  const auto both = store().lapsed_waitlist_holds(at_utc(2027, 3, 3, 0));
  EXPECT_EQ(ids(both), (std::vector<std::string>{"soon", "later"}));
  ASSERT_EQ(both.size(), 2u);
  expect_same_entry(offered(sample_entry("soon"), "h1", at_utc(2027, 3, 2, 10)), both[0]);
}

TEST_P(StoreContract, OneHeldAppointmentIsOfferedToOneEntryOnly) {
  for (const char* id : {"w1", "w2"}) add_entry(store(), sample_entry(id));
  store().write([&](WriteTx& tx) {
    ASSERT_TRUE(tx.change_waitlist_entry(offered(sample_entry("w1"), "held", at_utc(2027, 3, 2, 12)),
                                         WaitlistStatus::waiting));
  });
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) {
    tx.change_waitlist_entry(offered(sample_entry("w2"), "held", at_utc(2027, 3, 2, 12)), WaitlistStatus::waiting);
  }));
  EXPECT_EQ(store().waitlist_entry("w2")->status, WaitlistStatus::waiting);
}

TEST_P(StoreContract, HeldAppointmentReadsBackHeldAndHoldsItsTime) {
  Appointment held = sample_appointment("h1", at_utc(2027, 3, 15, 8));
  held.status = AppointmentStatus::held;
  insert(store(), held);
  reopen();
  const auto read = store().appointments("mainz", at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].status, AppointmentStatus::held);
}

}  // namespace
}  // namespace amt::store::testing
