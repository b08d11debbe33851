// Staff sign-in, sessions, slow-down and lock-out against a real SQLite file.
#include "app/staff_auth.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <ctime>
#include <filesystem>

#include "app/secrets.hpp"
#include "app/staff_accounts.hpp"

namespace amt::app {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* good_password = "Korrekt Pferd Batterie";

class StaffAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("amt-auth-" + std::to_string(::getpid()) + "-" + random_nonce().substr(0, 8));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    auth_ = std::make_unique<StaffAuth>(*store_, SignInPolicy{}, PasswordCost::cheapest_for_tests());
    auto created = create_staff_account(*store_, {"anna", "Anna Schmidt", {Role::agent}, "", ""}, good_password,
                                        t0_, "test", PasswordCost::cheapest_for_tests());
    ASSERT_TRUE(created.has_value());
    account_ = *created;
  }
  void TearDown() override {
    auth_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<StaffAuth> auth_;
  StaffAccount account_;
  Instant t0_ = Instant{seconds(1'800'000'000)};
};

TEST_F(StaffAuthTest, RightPasswordOpensASessionWithAFreshTokenInAnyLoginCase) {
  const auto first = auth_->sign_in("ANNA", good_password, t0_, "10.0.0.1");
  ASSERT_EQ(first.outcome, SignInOutcome::signed_in);
  EXPECT_GE(first.token.size(), 43u);
  const auto second = auth_->sign_in("anna", good_password, t0_, "10.0.0.1");
  EXPECT_NE(first.token, second.token);
  const auto who = auth_->authenticate(first.token, t0_ + minutes(5));
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->account.id, account_.id);
  EXPECT_FALSE(store_->staff_session(first.token).has_value()) << "only the token's hash is stored";
}

TEST_F(StaffAuthTest, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
  EXPECT_EQ(auth_->sign_in("anna", "wrong password here", t0_, "x").outcome, SignInOutcome::wrong_credentials);
  EXPECT_EQ(auth_->sign_in("nobody", good_password, t0_, "x").outcome, SignInOutcome::wrong_credentials);
  EXPECT_EQ(auth_->sign_in("anna", "", t0_, "x").outcome, SignInOutcome::wrong_credentials);
}

TEST_F(StaffAuthTest, RepeatedFailuresSlowDownThenLockEvenTheRightPassword) {
  const SignInPolicy p = auth_->policy();
  Instant now = t0_;
  for (int i = 0; i < p.lock_after; ++i) {
    auto r = auth_->sign_in("anna", "wrong password here", now, "x");
    ASSERT_EQ(r.outcome, SignInOutcome::wrong_credentials) << "attempt " << i;
    if (i + 1 >= p.slow_after && i + 1 < p.lock_after) {
      EXPECT_EQ(auth_->sign_in("anna", good_password, now, "x").outcome, SignInOutcome::too_soon);
    }
    now += p.max_delay;  // waits out every slow-down
  }
  const auto locked = auth_->sign_in("anna", good_password, now, "x");
  EXPECT_EQ(locked.outcome, SignInOutcome::locked);
  EXPECT_EQ(auth_->sign_in("anna", good_password, locked.retry_at - seconds(1), "x").outcome,
            SignInOutcome::locked);
  EXPECT_EQ(auth_->sign_in("anna", good_password, locked.retry_at, "x").outcome, SignInOutcome::signed_in);
}

TEST_F(StaffAuthTest, UnknownLoginsAreThrottledLikeKnownOnes) {
  const SignInPolicy p = auth_->policy();
  for (int i = 0; i < p.slow_after; ++i) auth_->sign_in("ghost", "whatever", t0_, "x");
  EXPECT_EQ(auth_->sign_in("ghost", "whatever", t0_, "x").outcome, SignInOutcome::too_soon);
  EXPECT_EQ(auth_->sign_in("anna", good_password, t0_, "x").outcome, SignInOutcome::signed_in)
      << "another login is not affected";
}

TEST_F(StaffAuthTest, SessionEndsAfterIdleAndAbsoluteTimeouts) {
  const SignInPolicy p = auth_->policy();
  const auto token = auth_->sign_in("anna", good_password, t0_, "x").token;
  EXPECT_FALSE(auth_->authenticate(token, t0_ + p.idle_timeout).has_value());

  const auto busy = auth_->sign_in("anna", good_password, t0_, "x").token;
  Instant now = t0_;
  while (now + p.idle_timeout / 2 < t0_ + p.absolute_timeout) {
    now += p.idle_timeout / 2;
    ASSERT_TRUE(auth_->authenticate(busy, now).has_value()) << "active use keeps the session";
  }
  EXPECT_FALSE(auth_->authenticate(busy, t0_ + p.absolute_timeout).has_value());
}

TEST_F(StaffAuthTest, SignOutEndsOneSessionAndSignOutEverywhereEndsAll) {
  const auto a = auth_->sign_in("anna", good_password, t0_, "x").token;
  const auto b = auth_->sign_in("anna", good_password, t0_, "x").token;
  const auto c = auth_->sign_in("anna", good_password, t0_, "x").token;
  auth_->sign_out(a, account_, t0_);
  EXPECT_FALSE(auth_->authenticate(a, t0_).has_value());
  EXPECT_TRUE(auth_->authenticate(b, t0_).has_value());
  EXPECT_EQ(auth_->sign_out_everywhere(account_, t0_), 2);
  EXPECT_FALSE(auth_->authenticate(b, t0_).has_value());
  EXPECT_FALSE(auth_->authenticate(c, t0_).has_value());
}

TEST_F(StaffAuthTest, DeactivatedAccountCannotSignInOrUseItsSessions) {
  const auto token = auth_->sign_in("anna", good_password, t0_, "x").token;
  account_.active = false;
  store_->write([&](store::WriteTx& tx) { tx.update_staff_account(account_); });
  EXPECT_FALSE(auth_->authenticate(token, t0_).has_value());
  EXPECT_EQ(auth_->sign_in("anna", good_password, t0_, "x").outcome, SignInOutcome::wrong_credentials);
}

TEST_F(StaffAuthTest, EverySignInOutcomeIsInTheAuditLog) {
  auth_->sign_in("anna", "wrong password here", t0_, "10.0.0.9");
  const auto token = auth_->sign_in("anna", good_password, t0_, "10.0.0.9").token;
  auth_->sign_out(token, account_, t0_);
  const auto entries = store_->audit_entries({"staff_account", account_.id, "", 0, 10});
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].action, "staff.sign_out");
  EXPECT_EQ(entries[1].action, "staff.sign_in");
  EXPECT_EQ(entries[2].action, "staff.sign_in_failed");
  EXPECT_EQ(entries[2].detail, "from 10.0.0.9, failure 1");
  EXPECT_EQ(entries[3].action, "staff_account.create");
}

TEST_F(StaffAuthTest, NewAccountRefusesWeakPasswordsBadLoginsAndTakenLogins) {
  const auto cheap = PasswordCost::cheapest_for_tests();
  const NewStaffAccount draft{"bernd", "Bernd", {Role::admin}, "", ""};
  for (const char* weak : {"", "short", "aaaaaaaaaaaaaaaa", "my-bernd-password"}) {
    const auto r = create_staff_account(*store_, draft, weak, t0_, "test", cheap);
    ASSERT_FALSE(r.has_value()) << weak;
    EXPECT_EQ(r.error().fields.at(0).field, "password");
  }
  EXPECT_FALSE(create_staff_account(*store_, {"b c", "B", {Role::admin}, "", ""}, good_password, t0_, "t", cheap));
  const auto taken = create_staff_account(*store_, {"Anna", "A", {Role::admin}, "", ""}, good_password, t0_, "t", cheap);
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().fields.at(0).code, "taken");
}

// CPU time of this thread, not wall time: four builds share the test machine, and a verification
// waiting for a core is not slower argon2id. The target is 50-500 ms; the bounds leave room.
std::chrono::nanoseconds thread_cpu_time() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

TEST(PasswordHash, VerifiesWithinTheSignInBudgetAtTheStandardCost) {
  const std::string hash = hash_password(good_password);
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  const auto start = thread_cpu_time();
  EXPECT_TRUE(verify_password(hash, good_password));
  const auto took = thread_cpu_time() - start;
  EXPECT_FALSE(verify_password(hash, "Korrekt Pferd Batteri"));
  EXPECT_FALSE(verify_password("not a hash", good_password));
  EXPECT_GT(took, std::chrono::milliseconds(20)) << "too cheap to slow down guessing";
  EXPECT_LT(took, std::chrono::milliseconds(1500));
  std::printf("argon2id verification at the standard cost took %lld ms of CPU\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

TEST(PasswordHash, DecoyCostsWhatARealCheckCostsAndMatchesNothing) {
  const auto standard = PasswordCost::standard();
  const std::string real = hash_password(good_password);
  const std::string decoy = decoy_hash();
  // Same algorithm and parameters as a real hash, and libsodium reads it as a valid one.
  EXPECT_EQ(decoy.substr(0, decoy.find('$', 20)), real.substr(0, real.find('$', 20))) << decoy;
  EXPECT_EQ(crypto_pwhash_str_needs_rehash(decoy.c_str(), standard.passes, standard.memory_bytes), 0) << decoy;
  EXPECT_NE(decoy, decoy_hash());

  auto start = thread_cpu_time();
  EXPECT_TRUE(verify_password(real, good_password));
  const auto real_took = thread_cpu_time() - start;
  start = thread_cpu_time();
  EXPECT_FALSE(verify_password(decoy, good_password));
  const auto decoy_took = thread_cpu_time() - start;
  EXPECT_FALSE(verify_password(decoy, ""));
  // The decoy exists so that an unknown login takes as long to refuse as a wrong password.
  EXPECT_GT(decoy_took, real_took / 2);
}

}  // namespace
}  // namespace amt::app
