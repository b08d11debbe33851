// A server's catalog follows changes made through another connection to the same database, as
// another server or `amtstermin import-staff` makes them.
#include "app/catalog_watch.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "app/demo_data.hpp"
#include "unit/store/store_contract.hpp"

namespace amt::app {
namespace {

class CatalogWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::testing::sqlite_backend().create();
    elsewhere_ = store::open_store(db_.url);
    elsewhere_->migrate();
    elsewhere_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    here_ = store::open_store(db_.url);
  }
  void TearDown() override {
    here_.reset();
    elsewhere_.reset();
    db_.drop();
  }
  // Renames the first service through the other connection, as an admin on another server would.
  void rename_first_service(const std::string& name) {
    Catalog changed = elsewhere_->load_catalog();
    changed.services.front().name = name;
    elsewhere_->replace_catalog(changed);
  }

  store::testing::TestDatabase db_;
  std::unique_ptr<store::Store> elsewhere_;
  std::unique_ptr<store::Store> here_;
};

TEST_F(CatalogWatchTest, RefreshReloadsOnlyWhenTheCatalogChangedElsewhere) {
  CatalogHolder catalogs(*here_);
  EXPECT_FALSE(catalogs.refresh());
  const auto before = catalogs.current();
  rename_first_service("Neuer Name");
  EXPECT_TRUE(catalogs.refresh());
  EXPECT_EQ(catalogs.current()->catalog.services.front().name, "Neuer Name");
  EXPECT_FALSE(catalogs.refresh());
  EXPECT_NE(before->catalog.services.front().name, "Neuer Name");  // a request's snapshot stays as it was
}

TEST_F(CatalogWatchTest, TheWatchPicksUpAChangeWithinAFewIntervals) {
  CatalogHolder catalogs(*here_);
  const CatalogWatch watch(catalogs, std::chrono::milliseconds{20});
  rename_first_service("Geändert");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
  while (catalogs.current()->catalog.services.front().name != "Geändert" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  EXPECT_EQ(catalogs.current()->catalog.services.front().name, "Geändert");
}

}  // namespace
}  // namespace amt::app
