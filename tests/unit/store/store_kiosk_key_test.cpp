// Contract: kiosk device keys (issue #5), stored by hash, listed, found and revoked once.
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

KioskKey sample_key(const std::string& id, char hash_digit) {
  KioskKey key;
  key.id = id;
  key.key_hash = std::string(64, hash_digit);
  key.name = "Eingangshalle " + id;
  key.location_id = "mainz";
  key.issued_at = at_utc(2027, 3, 1, 8);
  return key;
}

TEST_P(StoreContract, KioskKeyReadsBackByHashWithEveryField) {
  EXPECT_TRUE(store().kiosk_keys().empty());
  const KioskKey written = sample_key("left", 'a');
  store().insert_kiosk_key(written);
  reopen();
  EXPECT_EQ(store().kiosk_key_by_hash(written.key_hash), written);
  EXPECT_FALSE(store().kiosk_key_by_hash(std::string(64, 'b')).has_value());
  EXPECT_EQ(store().kiosk_keys(), std::vector<KioskKey>{written});
}

TEST_P(StoreContract, KioskKeysAreListedInIssueOrder) {
  KioskKey later = sample_key("later", 'c');
  later.issued_at = at_utc(2027, 3, 2, 8);
  store().insert_kiosk_key(later);
  store().insert_kiosk_key(sample_key("earlier", 'd'));
  const auto keys = store().kiosk_keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].id, "earlier");
  EXPECT_EQ(keys[1].id, "later");
}

TEST_P(StoreContract, ASecondKioskKeyWithTheSameHashOrIdIsRefused) {
  store().insert_kiosk_key(sample_key("one", 'e'));
  EXPECT_ANY_THROW(store().insert_kiosk_key(sample_key("two", 'e')));
  EXPECT_ANY_THROW(store().insert_kiosk_key(sample_key("one", 'f')));
  EXPECT_EQ(store().kiosk_keys().size(), 1u);
}

TEST_P(StoreContract, RevokingAKioskKeyKeepsTheFirstRevocationTime) {
  store().insert_kiosk_key(sample_key("board", '1'));
  EXPECT_TRUE(store().revoke_kiosk_key("board", at_utc(2027, 3, 5, 9)));
  EXPECT_FALSE(store().revoke_kiosk_key("board", at_utc(2027, 3, 6, 9)));
  EXPECT_FALSE(store().revoke_kiosk_key("nobody", at_utc(2027, 3, 6, 9)));
  const auto read = store().kiosk_key_by_hash(std::string(64, '1'));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->revoked_at, at_utc(2027, 3, 5, 9));
}

}  // namespace
}  // namespace amt::store::testing
