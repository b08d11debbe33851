// Contract: spent anti-bot proofs (used_proofs) are accepted once, also by a second server on the
// same database, survive restarts, roll back with their transaction and are forgotten once expired.
#include <atomic>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

bool claim(Store& store, const std::string& key, Instant expires_at, Instant now) {
  bool claimed = false;
  store.write([&](WriteTx& tx) { claimed = tx.claim_proof(key, expires_at, now); });
  return claimed;
}

TEST_P(StoreContract, ProofIsAcceptedOnceEvenAfterReopening) {
  const Instant now = at_utc(2027, 3, 8, 8);
  const Instant expires = at_utc(2027, 3, 8, 9);
  EXPECT_TRUE(claim(store(), "proof-a", expires, now));
  EXPECT_FALSE(claim(store(), "proof-a", expires, now));
  EXPECT_TRUE(claim(store(), "proof-b", expires, now));
  reopen();
  EXPECT_FALSE(claim(store(), "proof-a", expires, now + std::chrono::minutes{30}));
}

TEST_P(StoreContract, ProofClaimRolledBackWithItsTransactionCanBeClaimedAgain) {
  const Instant now = at_utc(2027, 3, 8, 8);
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) {
    tx.claim_proof("proof-a", now + std::chrono::hours{1}, now);
    throw std::runtime_error("the booking failed after the claim");
  }));
  EXPECT_TRUE(claim(store(), "proof-a", now + std::chrono::hours{1}, now));
}

TEST_P(StoreContract, ExpiredProofsAreForgotten) {
  const Instant now = at_utc(2027, 3, 8, 8);
  EXPECT_TRUE(claim(store(), "proof-a", now + std::chrono::minutes{30}, now));
  // An hour later the record of proof-a is gone (verification refuses the expired proof itself).
  const Instant later = now + std::chrono::hours{1};
  EXPECT_TRUE(claim(store(), "proof-b", later + std::chrono::minutes{30}, later));
  EXPECT_TRUE(claim(store(), "proof-a", later + std::chrono::minutes{30}, later));
}

TEST_P(StoreContract, TwoServersRacingForOneProofAcceptItOnce) {
  auto second = open_store(url());
  const Instant now = at_utc(2027, 3, 8, 8);
  for (int round = 0; round < 10; ++round) {
    const std::string key = "proof-" + std::to_string(round);
    std::atomic<int> accepted{0};
    std::thread a([&] { accepted += claim(store(), key, now + std::chrono::hours{1}, now); });
    std::thread b([&] { accepted += claim(*second, key, now + std::chrono::hours{1}, now); });
    a.join();
    b.join();
    EXPECT_EQ(accepted.load(), 1) << key;
  }
}

}  // namespace
}  // namespace amt::store::testing
