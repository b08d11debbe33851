// Kiosk device keys against a real SQLite database: issued once, found by the key, refused once
// revoked, never stored in the clear.
#include "app/kiosk_keys.hpp"

#include <gtest/gtest.h>

#include "app/demo_data.hpp"
#include "unit/store/store_contract.hpp"

namespace amt::app {
namespace {

class KioskKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::testing::sqlite_backend().create();
    store_ = store::open_store(db_.url);
    store_->migrate();
    catalog_ = demo_catalog(*parse_date("2027-03-20"));
  }
  void TearDown() override {
    store_.reset();
    db_.drop();
  }
  Instant now() const { return *parse_rfc3339("2027-03-01T08:00:00Z"); }

  store::testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_;
  Catalog catalog_;
};

TEST_F(KioskKeysTest, AnIssuedKeyOpensTheBoardOfItsLocationAndIsStoredOnlyAsAHash) {
  const auto issued = issue_kiosk_key(*store_, catalog_, "mainz", "Eingangshalle links", now());
  ASSERT_TRUE(issued.has_value());
  const auto found = active_kiosk_key(*store_, issued->secret);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->location_id, "mainz");
  EXPECT_EQ(found->name, "Eingangshalle links");
  EXPECT_NE(found->key_hash, issued->secret);
  EXPECT_EQ(describe_kiosk_keys(store_->kiosk_keys()).find(issued->secret), std::string::npos);
}

TEST_F(KioskKeysTest, ARevokedKeyOrAWrongKeyOpensNothing) {
  const auto issued = issue_kiosk_key(*store_, catalog_, "mainz", "Eingang", now());
  ASSERT_TRUE(issued.has_value());
  EXPECT_FALSE(active_kiosk_key(*store_, issued->secret + "x").has_value());
  EXPECT_FALSE(active_kiosk_key(*store_, "").has_value());
  ASSERT_TRUE(store_->revoke_kiosk_key(issued->key.id, now() + Minutes{5}));
  EXPECT_FALSE(active_kiosk_key(*store_, issued->secret).has_value());
  EXPECT_NE(describe_kiosk_keys(store_->kiosk_keys()).find("revoked 2027-03-01T08:05:00Z"), std::string::npos);
}

TEST_F(KioskKeysTest, AKeyForAnUnknownLocationOrWithoutNameIsRefusedAndNothingIsStored) {
  const auto unknown = issue_kiosk_key(*store_, catalog_, "atlantis", "Eingang", now());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().fields.at(0).field, "location");
  const auto nameless = issue_kiosk_key(*store_, catalog_, "mainz", "", now());
  ASSERT_FALSE(nameless.has_value());
  EXPECT_EQ(nameless.error().fields.at(0).field, "name");
  EXPECT_TRUE(store_->kiosk_keys().empty());
}

}  // namespace
}  // namespace amt::app
