// The call feed against a real database (SQLite and PostgreSQL) and the demo office: what a
// display gets when it connects, what is published after a call or recall, and nothing twice.
#include "app/call_feed.hpp"

#include <gtest/gtest.h>

#include "app/demo_data.hpp"
#include "app/tickets.hpp"
#include "unit/store/store_contract.hpp"

namespace amt::app {
namespace {

using namespace std::chrono_literals;
using store::testing::StoreBackend;

struct Published {
  Id location_id;
  DisplayCall call;
  CallList recent;
};

class CallFeedTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    db_ = GetParam().create_migrated();
    store_ = store::open_store(db_.url);
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-20")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    tickets_ = std::make_unique<Tickets>(*store_, *catalogs_, clock_);
    // The feed's own thread sleeps for an hour: the tests run its rounds with refresh().
    feed_ = std::make_unique<CallFeed>(
        *store_, *catalogs_, clock_,
        [this](const Id& l, const DisplayCall& c, const CallList& r) { published_.push_back({l, c, r}); },
        [this](const Id&) { return audience_; }, CallFeed::Options{4, 1h, 1h});
  }
  void TearDown() override {
    feed_.reset();
    tickets_.reset();
    catalogs_.reset();
    store_.reset();
    db_.drop();
  }

  // The emergency desk finishes its visitor (one at a time per desk), then calls a new emergency.
  Ticket call_emergency() {
    const Actor desk{"staff-35", true};
    for (const Ticket& t : tickets_->today("mainz"))
      if (t.staff_id == desk.staff_id && t.status == TicketStatus::called) {
        EXPECT_TRUE(tickets_->start(t.id, desk));
        EXPECT_TRUE(tickets_->finish(t.id, desk));
      }
    auto issued = tickets_->emergency("mainz", "");
    EXPECT_TRUE(issued);
    auto called = tickets_->call_next("mainz", desk);
    EXPECT_TRUE(called && *called);
    return **called;
  }

  CallList open() {
    CallList got;
    EXPECT_TRUE(feed_->open("mainz", [&](const CallList& recent) { got = recent; }));
    return got;
  }

  Clock clock_{parse_rfc3339("2027-03-08T09:00:00+01:00")};
  store::testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Tickets> tickets_;
  std::unique_ptr<CallFeed> feed_;
  std::vector<Published> published_;
  bool audience_ = true;
};

TEST_P(CallFeedTest, ADisplayConnectingGetsTodaysCallsNewestFirstWithNumberRoomAndTime) {
  EXPECT_TRUE(open().empty());
  const Ticket first = call_emergency();
  std::this_thread::sleep_for(1100ms);  // call times are whole seconds
  const Ticket second = call_emergency();
  feed_.reset();  // a fresh feed reads the store, as after a restart
  feed_ = std::make_unique<CallFeed>(*store_, *catalogs_, clock_, nullptr, nullptr, CallFeed::Options{4, 1h, 1h});
  const CallList recent = open();
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].number, second.number);
  EXPECT_EQ(recent[1].number, first.number);
  EXPECT_EQ(recent[0].room, "E.135");
  EXPECT_EQ(recent[0].time, "09:00");
}

TEST_P(CallFeedTest, ACommittedCallIsPublishedOnceWithTheListAfterIt) {
  open();
  const Ticket called = call_emergency();
  feed_->refresh();
  ASSERT_EQ(published_.size(), 1u);
  EXPECT_EQ(published_[0].location_id, "mainz");
  EXPECT_EQ(published_[0].call.number, called.number);
  EXPECT_EQ(published_[0].recent.front().number, called.number);
  feed_->refresh();
  EXPECT_EQ(published_.size(), 1u);  // nothing new, nothing sent
}

TEST_P(CallFeedTest, ARecallIsPublishedAgainAndTheTicketIsListedOnce) {
  open();
  const Ticket called = call_emergency();
  feed_->refresh();
  std::this_thread::sleep_for(1100ms);
  ASSERT_TRUE(tickets_->recall(called.id, {"staff-35", true}));
  feed_->refresh();
  ASSERT_EQ(published_.size(), 2u);
  EXPECT_EQ(published_[1].call.number, called.number);
  EXPECT_EQ(published_[1].recent.size(), 1u);
}

TEST_P(CallFeedTest, KeepsOnlyTheConfiguredNumberOfCalls) {
  open();
  for (int i = 0; i < 6; ++i) {
    call_emergency();
    feed_->refresh();
  }
  EXPECT_EQ(published_.size(), 6u);
  EXPECT_EQ(published_.back().recent.size(), 4u);
  EXPECT_EQ(open().size(), 4u);
}

TEST_P(CallFeedTest, LocationsNobodyWatchesAreNotReadOrPublished) {
  open();
  audience_ = false;
  call_emergency();
  feed_->refresh();
  EXPECT_TRUE(published_.empty());
}

// The staff floor pages learn of every queue change, not only of calls: a ticket drawn, handed
// over or finished moves the stamp, and an unchanged queue publishes nothing.
TEST_P(CallFeedTest, EveryQueueChangeIsPublishedOnceWithANewStamp) {
  std::vector<std::string> stamps;
  feed_->on_queue_change([&](const Id& l, const std::string& stamp) {
    EXPECT_EQ(l, "mainz");
    stamps.push_back(stamp);
  });
  open();
  feed_->refresh();
  EXPECT_TRUE(stamps.empty());  // nothing changed since open
  auto issued = tickets_->emergency("mainz", "");
  ASSERT_TRUE(issued);
  feed_->refresh();
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0], queue_stamp(tickets_->today("mainz")));
  ASSERT_TRUE(tickets_->transfer(issued->id, "staff-01", {"staff-35", true}));
  feed_->refresh();
  feed_->refresh();
  ASSERT_EQ(stamps.size(), 2u);
  EXPECT_NE(stamps[1], stamps[0]);
  EXPECT_TRUE(published_.empty());  // a hand-over is no call: the displays hear nothing
}

TEST_P(CallFeedTest, UnknownLocationCannotBeOpened) {
  bool ran = false;
  EXPECT_FALSE(feed_->open("atlantis", [&](const CallList&) { ran = true; }));
  EXPECT_FALSE(ran);
}

TEST(CallFeedIds, OrderCallsByTimeAndCountSameSecondCallsOfOtherTicketsAsLater) {
  const DisplayCall call{"N02", "E.135", Instant{std::chrono::seconds{1000}}, "09:00"};
  EXPECT_EQ(call.id(), "1000-N02");
  EXPECT_TRUE(called_after(call, "999-N05"));
  EXPECT_FALSE(called_after(call, "1000-N02"));
  EXPECT_TRUE(called_after(call, "1000-N01"));
  EXPECT_FALSE(called_after(call, "1001-N01"));
  EXPECT_TRUE(called_after(call, "garbage"));
  EXPECT_TRUE(called_after(call, ""));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CallFeedTest, ::testing::Values(store::testing::sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, CallFeedTest, ::testing::Values(store::testing::postgres_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace amt::app
