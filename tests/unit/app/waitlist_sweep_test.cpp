// The waitlist sweep on a real SQLite store with the demo office: a day the office reopens (a
// closure removed) is offered to the waiting entries in join order, once; the first look at a
// service only records what is free; the hold check writes nothing when no hold lapsed; and what
// a sweep costs with many waiting entries (the figure in docs/waitlist.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/demo_data.hpp"
#include "app/secrets.hpp"
#include "app/waitlist.hpp"

namespace amt::app {
namespace {

Instant sweep_utc(const char* text) { return *parse_rfc3339(text); }
const LocalDate sweep_day = *parse_date("2027-03-23");  // a Tuesday, eight days after the clock's Monday
// 40 in the suite, where the test checks that the sweep works with many entries; the figure in
// docs/waitlist.md is from AMT_SWEEP_BENCH_ENTRIES=500 (36 s of writes: too long for every run).
int sweep_bench_entries() {
  const char* wanted = std::getenv("AMT_SWEEP_BENCH_ENTRIES");
  return wanted ? std::max(1, std::atoi(wanted)) : 40;
}

class WaitlistSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-sweep-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    Catalog catalog = demo_catalog(*parse_date("2027-03-15"));
    catalog.locations[0].closures.push_back(sweep_day);  // closed that Tuesday: nothing free then
    store_->replace_catalog(catalog);
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    waitlist_ =
        std::make_unique<Waitlist>(*store_, *catalogs_, clock_, WaitlistPolicy{"s", "https://t.example.org"});
  }
  void TearDown() override {
    waitlist_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Tuesdays 08:00-12:00 only on sweep_day's week is not expressible: the wish is weekly, so
  // every other Tuesday is free already and seen at the first look; only sweep_day is new.
  WaitlistJoined join(const std::string& name) {
    WaitlistRequest r{
        "mainz", "first-application", "tue", "08:00", "12:00", {name, "x-" + name + "@example.org", ""},
        "en"};
    auto joined = waitlist_->join(r);
    EXPECT_TRUE(joined) << (joined ? "" : joined.error().detail);
    return *joined;
  }
  void reopen_sweep_day() {
    Catalog catalog = store_->load_catalog();
    std::erase(catalog.locations[0].closures, sweep_day);
    store_->replace_catalog(catalog);
    catalogs_->reload();
  }
  WaitlistEntry entry(const WaitlistJoined& j) { return *store_->waitlist_entry(j.entry.id); }

  const Clock clock_{sweep_utc("2027-03-15T08:00:00Z")};
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Waitlist> waitlist_;
};

TEST_F(WaitlistSweepTest, TheFirstLookOnlyRecordsWhatIsFreeAndOffersNothing) {
  const auto ada = join("Ada");
  EXPECT_EQ(waitlist_->offer_new_times(), 0);  // other Tuesdays are free, but not newly
  EXPECT_EQ(waitlist_->offer_new_times(), 0);
  EXPECT_EQ(entry(ada).status, WaitlistStatus::waiting);
}

TEST_F(WaitlistSweepTest, ADayTheOfficeReopensGoesToTheWaitingEntriesInJoinOrderOnce) {
  const auto ada = join("Ada");
  const auto ben = join("Ben");
  EXPECT_EQ(waitlist_->offer_new_times(), 0);
  reopen_sweep_day();
  EXPECT_EQ(waitlist_->offer_new_times(), 2);
  const WaitlistEntry a = entry(ada);
  const WaitlistEntry b = entry(ben);
  ASSERT_EQ(a.status, WaitlistStatus::offered);
  ASSERT_EQ(b.status, WaitlistStatus::offered);
  const auto held_a = held_appointment(*store_, *catalogs_->current(), a);
  const auto held_b = held_appointment(*store_, *catalogs_->current(), b);
  ASSERT_TRUE(held_a && held_b);
  const Zone z = zone("Europe/Berlin");
  EXPECT_EQ(local_date(z, held_a->start), sweep_day);
  EXPECT_EQ(local_date(z, held_b->start), sweep_day);
  EXPECT_LE(held_a->start, held_b->start);  // the first to join gets the earliest seat
  EXPECT_EQ(held_a->status, AppointmentStatus::held);
  const auto mails = store_->outbox_for_appointment(held_a->id);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].recipient, "x-ada@example.org");  // normalised
  EXPECT_EQ(waitlist_->offer_new_times(), 0);          // nothing offered twice
  EXPECT_EQ(entry(ada).offers, 1);
}

TEST_F(WaitlistSweepTest, AnEntryThatJoinsAfterTheLookIsNotOfferedTimesThatWereFreeAlready) {
  EXPECT_EQ(waitlist_->offer_new_times(), 0);  // nobody waits: nothing looked at
  const auto ada = join("Ada");
  EXPECT_EQ(waitlist_->offer_new_times(), 0);
  EXPECT_EQ(entry(ada).status, WaitlistStatus::waiting);
}

TEST_F(WaitlistSweepTest, TheHoldCheckWritesNothingWhenNoHoldLapsed) {
  join("Ada");
  const auto before = store_->data_version();
  EXPECT_EQ(waitlist_->expire_holds(), 0);
  EXPECT_EQ(store_->data_version(), before);
}

// Not a pass/fail timing: it prints what one sweep costs with many waiting entries, the figure
// docs/waitlist.md quotes. 500 entries of four services wait at Mainz; the steady state is a
// sweep that finds nothing new (every minute), the other one the sweep after a day reopened.
TEST_F(WaitlistSweepTest, CostWithManyWaitingEntries) {
  const char* services[] = {"first-application", "continued-benefits", "change-notification",
                            "housing-costs"};
  store_->write([&](store::WriteTx& tx) {
    for (int i = 0, n = sweep_bench_entries(); i < n; ++i) {
      WaitlistEntry e;
      e.id = "bench-" + std::to_string(i);
      e.token_nonce = "n";
      e.location_id = "mainz";
      e.service_id = services[i % 4];
      e.wish = {0b0000010, hm(8 + i % 4), hm(13 + i % 4)};  // Tuesdays, a few hours
      e.contact = {"Bench", "bench" + std::to_string(i) + "@example.org", ""};
      e.joined_at = e.changed_at = clock_.now();
      tx.insert_waitlist_entry(e);
    }
  });
  using steady = std::chrono::steady_clock;
  EXPECT_EQ(waitlist_->offer_new_times(), 0);  // first look
  const auto t0 = steady::now();
  constexpr int steady_runs = 5;
  for (int i = 0; i < steady_runs; ++i) EXPECT_EQ(waitlist_->offer_new_times(), 0);
  const auto per_sweep =
      std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - t0) / steady_runs;
  reopen_sweep_day();
  const auto t1 = steady::now();
  const int offered = waitlist_->offer_new_times();
  const auto reopened = std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - t1);
  EXPECT_GT(offered, 0);
  std::cout << "[ sweep cost ] " << sweep_bench_entries()
            << " waiting entries, 4 services: " << per_sweep.count() / 1000.0
            << " ms per sweep with nothing new; " << reopened.count() / 1000.0
            << " ms for the sweep that offered " << offered << " times of a reopened day\n";
}

}  // namespace
}  // namespace amt::app
