// Contract: one staff account per staff member, held by the database (migration 018): a second
// link is refused as a value naming why, also when two writers try at the same moment, and a
// database from before the rule keeps the oldest link of a person linked twice.
#include <atomic>
#include <future>
#include <map>
#include <vector>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

AccountWrite update_account(Store& store, const StaffAccount& a) {
  AccountWrite written = AccountWrite::written;
  store.write([&](WriteTx& tx) { written = tx.update_staff_account(a); });
  return written;
}

std::map<Id, Id> staff_of_accounts(Store& store) {
  std::map<Id, Id> out;
  for (const StaffAccount& a : store.staff_accounts()) out[a.id] = a.staff_id;
  return out;
}

TEST_P(StoreContract, SecondAccountForOneStaffMemberIsRefusedAndNothingWritten) {
  ASSERT_EQ(insert_staff_account(store(), sample_account("u1", "anna", "staff-01")), AccountWrite::written);
  EXPECT_EQ(insert_staff_account(store(), sample_account("u2", "bert", "staff-01")),
            AccountWrite::staff_member_taken);
  EXPECT_FALSE(store().staff_account_by_id("u2").has_value());
  // Both a taken login and a taken staff member: the staff member is named.
  EXPECT_EQ(insert_staff_account(store(), sample_account("u3", "ANNA", "staff-01")),
            AccountWrite::staff_member_taken);
  EXPECT_EQ(insert_staff_account(store(), sample_account("u4", "Anna", "staff-02")),
            AccountWrite::login_taken);
  // Accounts of nobody in the plans (admins, agents) are not limited.
  EXPECT_EQ(insert_staff_account(store(), sample_account("u5", "chefin", "")), AccountWrite::written);
  EXPECT_EQ(insert_staff_account(store(), sample_account("u6", "empfang", "")), AccountWrite::written);
  EXPECT_EQ(staff_of_accounts(store()), (std::map<Id, Id>{{"u1", "staff-01"}, {"u5", ""}, {"u6", ""}}));
  EXPECT_THROW(insert_staff_account(store(), sample_account("u1", "dora", "staff-03")), std::exception);
}

TEST_P(StoreContract, LinkingAStaffMemberAnotherAccountHasIsRefusedUntilItIsUnlinked) {
  ASSERT_EQ(insert_staff_account(store(), sample_account("u1", "anna", "staff-01")), AccountWrite::written);
  ASSERT_EQ(insert_staff_account(store(), sample_account("u2", "bert", "")), AccountWrite::written);
  EXPECT_EQ(update_account(store(), sample_account("u2", "bert", "staff-01")),
            AccountWrite::staff_member_taken);
  EXPECT_EQ(update_account(store(), sample_account("u2", "ANNA", "")), AccountWrite::login_taken);
  EXPECT_EQ(store().staff_account_by_id("u2")->staff_id, "");
  EXPECT_EQ(store().staff_account_by_id("u2")->login, "bert");
  EXPECT_EQ(update_account(store(), sample_account("u1", "anna", "staff-01")),
            AccountWrite::written);  // its own
  EXPECT_EQ(update_account(store(), sample_account("u1", "anna", "")), AccountWrite::written);
  EXPECT_EQ(update_account(store(), sample_account("u2", "bert", "staff-01")), AccountWrite::written);
  EXPECT_EQ(staff_of_accounts(store()), (std::map<Id, Id>{{"u1", ""}, {"u2", "staff-01"}}));
}

TEST_P(StoreContract, OfConcurrentLinksOfOneStaffMemberExactlyOneIsWritten) {
  constexpr int writers = 8;
  for (int i = 0; i < writers; ++i)
    ASSERT_EQ(insert_staff_account(store(),
                                   sample_account("u" + std::to_string(i), "user" + std::to_string(i), "")),
              AccountWrite::written);
  std::atomic<int> linked{0}, refused{0}, created{0};
  std::vector<std::future<void>> done;
  for (int i = 0; i < writers; ++i) {
    done.push_back(std::async(std::launch::async, [&, i] {  // link an existing account
      const auto w = update_account(
          store(), sample_account("u" + std::to_string(i), "user" + std::to_string(i), "staff-01"));
      ++(w == AccountWrite::written ? linked : refused);
    }));
    done.push_back(std::async(std::launch::async, [&, i] {  // create an account for the same person
      const auto w = insert_staff_account(
          store(), sample_account("n" + std::to_string(i), "new" + std::to_string(i), "staff-01"));
      ++(w == AccountWrite::written ? created : refused);
    }));
  }
  for (auto& d : done) d.get();
  EXPECT_EQ(linked.load() + created.load(), 1);
  EXPECT_EQ(refused.load(), 2 * writers - 1);
  int holders = 0;
  for (const StaffAccount& a : store().staff_accounts()) holders += a.staff_id == "staff-01";
  EXPECT_EQ(holders, 1);
}

// Before migration 018 the check was a read before the write, which two servers could both pass:
// such a database keeps the oldest account's link (then the smaller id), unlinks the others with
// an audit entry naming the one that kept it, and holds the rule from then on.
TEST_P(StoreContract, MigrationToOneAccountPerStaffMemberKeepsTheOldestLink) {
  close_store();
  run_raw_sql(
      url(),
      "DROP INDEX staff_accounts_one_per_staff_member; DELETE FROM schema_migrations WHERE version = 18;");
  reopen();
  auto older = sample_account("u2", "anna", "staff-01");
  older.created_at = at_utc(2027, 2, 1, 9);
  auto tie = sample_account("u1", "bert", "staff-02");
  auto tie_later_id = sample_account("u3", "cara", "staff-02");
  tie_later_id.location_id = "";
  for (const StaffAccount& a : {sample_account("u0", "zora", "staff-01"), older, tie, tie_later_id,
                                sample_account("u4", "dora", "staff-03")})
    ASSERT_EQ(insert_staff_account(store(), a), AccountWrite::written);
  store().migrate();
  EXPECT_EQ(store().schema_version(), latest_migration());
  EXPECT_EQ(
      staff_of_accounts(store()),
      (std::map<Id, Id>{{"u0", ""}, {"u1", "staff-02"}, {"u2", "staff-01"}, {"u3", ""}, {"u4", "staff-03"}}));
  std::map<Id, AuditEntry> by_account;
  for (const AuditEntry& e : store().audit_entries({})) by_account[e.subject_id] = e;
  ASSERT_EQ(by_account.size(), 2u);
  EXPECT_EQ(by_account["u0"].action, "staff_account.unlink");
  EXPECT_EQ(by_account["u0"].account_login, "migration 018");
  EXPECT_EQ(by_account["u0"].detail, "staff member staff-01 -> none, location mainz -> mainz (one account "
                                     "per staff member: anna keeps the link)");
  EXPECT_EQ(by_account["u3"].detail, "staff member staff-02 -> none, location none -> none (one account per "
                                     "staff member: bert keeps the link)");
  EXPECT_EQ(update_account(store(), sample_account("u0", "zora", "staff-02")),
            AccountWrite::staff_member_taken);
}

}  // namespace
}  // namespace amt::store::testing
