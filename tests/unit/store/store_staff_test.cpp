// Contract: staff accounts, sessions, sign-in throttling and the audit log (issue #4).
#include <future>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

StaffAccount account(const std::string& id, const std::string& login, RoleSet roles = {Role::agent}) {
  return sample_account(id, login, "staff-" + id, roles);
}

bool insert_account(Store& store, const StaffAccount& a) {
  return insert_staff_account(store, a) == AccountWrite::written;
}

void expect_same_account(const StaffAccount& e, const StaffAccount& a) {
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.login, a.login);
  EXPECT_EQ(e.display_name, a.display_name);
  EXPECT_EQ(e.staff_id, a.staff_id);
  EXPECT_EQ(e.location_id, a.location_id);
  EXPECT_EQ(e.roles, a.roles);
  EXPECT_EQ(e.password_hash, a.password_hash);
  EXPECT_EQ(e.active, a.active);
  EXPECT_EQ(e.created_at, a.created_at);
}

AuditEntry entry(const std::string& account_id, const std::string& subject_id, int minute) {
  return {0, at_utc(2027, 3, 8, 9, minute), account_id, "login-" + account_id, "appointment.read",
          "appointment", subject_id, "detail " + std::to_string(minute)};
}

TEST_P(StoreContract, StaffAccountReadsBackByIdAndByLoginInAnyCase) {
  const auto written = account("u1", "Anna.Schmidt", {Role::caseworker, Role::team_lead});
  ASSERT_TRUE(insert_account(store(), written));
  expect_same_account(written, store().staff_account_by_id("u1").value());
  expect_same_account(written, store().staff_account_by_login("anna.schmidt").value());
  expect_same_account(written, store().staff_account_by_login("ANNA.SCHMIDT").value());
  EXPECT_FALSE(store().staff_account_by_login("anna").has_value());
  EXPECT_FALSE(store().staff_account_by_id("u2").has_value());
}

TEST_P(StoreContract, SecondAccountWithTheSameLoginInOtherCaseIsRefused) {
  ASSERT_TRUE(insert_account(store(), account("u1", "admin")));
  EXPECT_FALSE(insert_account(store(), account("u2", "ADMIN")));
  EXPECT_FALSE(store().staff_account_by_id("u2").has_value());
  EXPECT_EQ(store().staff_account_by_login("Admin")->id, "u1");
}

TEST_P(StoreContract, StaffAccountsAreListedByLoginIgnoringCaseInsideAWriteToo) {
  ASSERT_TRUE(insert_account(store(), account("u1", "zora")));
  ASSERT_TRUE(insert_account(store(), account("u2", "Anna.Admin", {Role::admin})));
  ASSERT_TRUE(insert_account(store(), account("u3", "bert")));
  std::vector<std::string> logins;
  for (const StaffAccount& a : store().staff_accounts()) logins.push_back(a.login);
  EXPECT_EQ(logins, (std::vector<std::string>{"Anna.Admin", "bert", "zora"}));
  expect_same_account(account("u2", "Anna.Admin", {Role::admin}), store().staff_accounts().front());
  std::size_t in_write = 0;
  store().write([&](WriteTx& tx) { in_write = tx.staff_accounts().size(); });
  EXPECT_EQ(in_write, 3u);
}

TEST_P(StoreContract, StaffAccountUpdateChangesEveryMutableField) {
  ASSERT_TRUE(insert_account(store(), account("u1", "anna")));
  auto changed = account("u1", "anna.s", {Role::admin});
  changed.display_name = "Anna S.";
  changed.staff_id = "";
  changed.location_id = "";
  changed.password_hash = "$argon2id$new";
  changed.active = false;
  AccountWrite written = AccountWrite::login_taken;
  store().write([&](WriteTx& tx) { written = tx.update_staff_account(changed); });
  EXPECT_EQ(written, AccountWrite::written);
  expect_same_account(changed, store().staff_account_by_id("u1").value());
  EXPECT_THROW(store().write([&](WriteTx& tx) { (void)tx.update_staff_account(account("nobody", "x")); }),
               std::exception);
}

TEST_P(StoreContract, StaffSessionIsFoundByItsHashTouchedAndDeleted) {
  ASSERT_TRUE(insert_account(store(), account("u1", "anna")));
  const StaffSession s{"hash-1", "u1", at_utc(2027, 3, 8, 8), at_utc(2027, 3, 8, 8)};
  store().write([&](WriteTx& tx) { tx.insert_staff_session(s); });
  EXPECT_EQ(store().staff_session("hash-1")->account_id, "u1");
  EXPECT_FALSE(store().staff_session("hash-2").has_value());

  store().write([&](WriteTx& tx) { tx.touch_staff_session("hash-1", at_utc(2027, 3, 8, 9)); });
  EXPECT_EQ(store().staff_session("hash-1")->last_seen_at, at_utc(2027, 3, 8, 9));
  EXPECT_EQ(store().staff_session("hash-1")->created_at, at_utc(2027, 3, 8, 8));
  // A late touch from a slower request never moves last_seen_at back.
  store().write([&](WriteTx& tx) { tx.touch_staff_session("hash-1", at_utc(2027, 3, 8, 8, 30)); });
  EXPECT_EQ(store().staff_session("hash-1")->last_seen_at, at_utc(2027, 3, 8, 9));

  bool deleted = false, again = true;
  store().write([&](WriteTx& tx) { deleted = tx.delete_staff_session("hash-1"); });
  store().write([&](WriteTx& tx) { again = tx.delete_staff_session("hash-1"); });
  EXPECT_TRUE(deleted);
  EXPECT_FALSE(again);
  EXPECT_FALSE(store().staff_session("hash-1").has_value());
}

TEST_P(StoreContract, SignOutEverywhereDeletesAllSessionsOfOneAccountOnly) {
  ASSERT_TRUE(insert_account(store(), account("u1", "anna")));
  ASSERT_TRUE(insert_account(store(), account("u2", "bert")));
  const auto t = at_utc(2027, 3, 8, 8);
  store().write([&](WriteTx& tx) {
    tx.insert_staff_session({"a1", "u1", t, t});
    tx.insert_staff_session({"a2", "u1", t, t});
    tx.insert_staff_session({"b1", "u2", t, t});
  });
  int ended = 0;
  store().write([&](WriteTx& tx) { ended = tx.delete_staff_sessions_of("u1"); });
  EXPECT_EQ(ended, 2);
  EXPECT_FALSE(store().staff_session("a1").has_value());
  EXPECT_FALSE(store().staff_session("a2").has_value());
  EXPECT_TRUE(store().staff_session("b1").has_value());
}

TEST_P(StoreContract, ExpiredSessionsAreDeletedByIdleOrAbsoluteAge) {
  ASSERT_TRUE(insert_account(store(), account("u1", "anna")));
  store().write([&](WriteTx& tx) {
    tx.insert_staff_session({"idle", "u1", at_utc(2027, 3, 8, 8), at_utc(2027, 3, 8, 8)});
    tx.insert_staff_session({"old", "u1", at_utc(2027, 3, 7, 8), at_utc(2027, 3, 8, 9)});
    tx.insert_staff_session({"fresh", "u1", at_utc(2027, 3, 8, 8), at_utc(2027, 3, 8, 9)});
  });
  int deleted = 0;
  store().write([&](WriteTx& tx) {
    deleted = tx.delete_expired_staff_sessions(at_utc(2027, 3, 8, 8, 30), at_utc(2027, 3, 8, 0));
  });
  EXPECT_EQ(deleted, 2);
  EXPECT_TRUE(store().staff_session("fresh").has_value());
  EXPECT_FALSE(store().staff_session("idle").has_value());
  EXPECT_FALSE(store().staff_session("old").has_value());
}

TEST_P(StoreContract, LoginThrottleIsSavedReplacedDeletedAndPurged) {
  const LoginThrottle first{"k1", 1, at_utc(2027, 3, 8, 8), at_utc(2027, 3, 8, 8), Instant{}};
  store().write([&](WriteTx& tx) { tx.save_login_throttle(first); });
  EXPECT_EQ(store().login_throttle("k1")->failures, 1);
  const LoginThrottle locked{"k1", 5, at_utc(2027, 3, 8, 8), at_utc(2027, 3, 8, 8, 1), at_utc(2027, 3, 8, 8, 15)};
  store().write([&](WriteTx& tx) { tx.save_login_throttle(locked); });
  const auto read = store().login_throttle("k1").value();
  EXPECT_EQ(read.failures, 5);
  EXPECT_EQ(read.window_start, locked.window_start);
  EXPECT_EQ(read.next_attempt_at, locked.next_attempt_at);
  EXPECT_EQ(read.locked_until, locked.locked_until);

  store().write([&](WriteTx& tx) { tx.save_login_throttle({"k2", 1, at_utc(2027, 3, 8, 7), {}, {}}); });
  int purged = 0;
  store().write([&](WriteTx& tx) { purged = tx.purge_login_throttles(at_utc(2027, 3, 8, 8, 5)); });
  EXPECT_EQ(purged, 1);  // k1 is still locked
  EXPECT_TRUE(store().login_throttle("k1").has_value());
  EXPECT_FALSE(store().login_throttle("k2").has_value());
  store().write([&](WriteTx& tx) { tx.delete_login_throttle("k1"); });
  EXPECT_FALSE(store().login_throttle("k1").has_value());
}

TEST_P(StoreContract, AuditEntriesComeBackNewestFirstFilteredAndPaged) {
  std::vector<std::int64_t> ids;
  store().write([&](WriteTx& tx) {
    for (int i = 0; i < 5; ++i) ids.push_back(tx.append_audit(entry(i % 2 ? "u1" : "u2", "a" + std::to_string(i % 3), i)));
  });
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  const auto all = store().audit_entries({});
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all.front().id, ids.back());
  EXPECT_EQ(all.front().detail, "detail 4");
  EXPECT_EQ(all.front().at, at_utc(2027, 3, 8, 9, 4));
  EXPECT_EQ(all.front().account_login, "login-u2");

  const auto of_u1 = store().audit_entries({"", "", "u1", 0, 50});
  ASSERT_EQ(of_u1.size(), 2u);
  for (const auto& e : of_u1) EXPECT_EQ(e.account_id, "u1");

  const auto of_a0 = store().audit_entries({"appointment", "a0", "", 0, 50});
  ASSERT_EQ(of_a0.size(), 2u);  // entries 0 and 3
  for (const auto& e : of_a0) EXPECT_EQ(e.subject_id, "a0");

  const auto page1 = store().audit_entries({"", "", "", 0, 2});
  ASSERT_EQ(page1.size(), 2u);
  const auto page2 = store().audit_entries({"", "", "", page1.back().id, 2});
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_LT(page2.front().id, page1.back().id);
}

TEST_P(StoreContract, AuditEntriesFilterByTimeRangeWithTheAccountAndPageWithinIt) {
  store().write([&](WriteTx& tx) {
    for (int i = 0; i < 6; ++i) tx.append_audit(entry(i % 2 ? "u1" : "u2", "a", i * 10));  // 9:00 .. 9:50
  });
  AuditQuery range;
  range.from = at_utc(2027, 3, 8, 9, 10);
  range.to = at_utc(2027, 3, 8, 9, 40);  // exclusive: 9:10, 9:20, 9:30
  const auto in_range = store().audit_entries(range);
  ASSERT_EQ(in_range.size(), 3u);
  EXPECT_EQ(in_range.front().at, at_utc(2027, 3, 8, 9, 30));
  EXPECT_EQ(in_range.back().at, at_utc(2027, 3, 8, 9, 10));

  range.account_id = "u1";  // 9:10 and 9:30
  const auto of_u1 = store().audit_entries(range);
  ASSERT_EQ(of_u1.size(), 2u);
  range.limit = 1;
  range.before_id = of_u1.front().id;
  const auto next_page = store().audit_entries(range);
  ASSERT_EQ(next_page.size(), 1u);
  EXPECT_EQ(next_page.front().at, at_utc(2027, 3, 8, 9, 10));

  AuditQuery only_from;
  only_from.from = at_utc(2027, 3, 8, 9, 50);
  EXPECT_EQ(store().audit_entries(only_from).size(), 1u);
}

TEST_P(StoreContract, AuditEntryWrittenInAFailedWriteIsRolledBackWithIt) {
  EXPECT_THROW(store().write([&](WriteTx& tx) {
                 tx.append_audit(entry("u1", "a1", 1));
                 throw std::runtime_error("the change failed");
               }),
               std::runtime_error);
  EXPECT_TRUE(store().audit_entries({}).empty());
}

}  // namespace
}  // namespace amt::store::testing
