// Emergency capacity used today, against a real database (SQLite and PostgreSQL) and the demo
// office: emergency tickets' service time counts against the held-back minutes, nothing else does.
#include "app/emergency_capacity.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "app/demo_data.hpp"
#include "app/tickets.hpp"
#include "unit/store/store_contract.hpp"

namespace amt::app {
namespace {

using store::testing::StoreBackend;

Instant mainz(const std::string& local) { return *parse_rfc3339(local + ":00+01:00"); }

class EmergencyCapacityTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    db_ = GetParam().create_migrated();
    store_ = store::open_store(db_.url);
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-20")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_, 75);
  }
  void TearDown() override {
    tickets_.clear();
    catalogs_.reset();
    store_.reset();
    db_.drop();
  }
  // The ticket use cases as seen at a local time in Mainz.
  Tickets& at(const std::string& local) {
    clocks_.emplace_back(mainz(local));
    tickets_.push_back(std::make_unique<Tickets>(*store_, *catalogs_, clocks_.back()));
    return *tickets_.back();
  }
  EmergencyCapacity today(const std::string& local) {
    auto answer = emergency_capacity_today(*store_, *catalogs_->current(), "mainz", mainz(local));
    EXPECT_TRUE(answer);
    return answer.value_or(EmergencyCapacity{});
  }

  store::testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::deque<Clock> clocks_;
  std::vector<std::unique_ptr<Tickets>> tickets_;
};

const Actor reception_desk{"staff-35", true};

TEST_P(EmergencyCapacityTest, CountsServiceTimeOfTodaysEmergenciesAgainstTheHeldBackMinutes) {
  EXPECT_EQ(today("2027-03-16T08:00").used_minutes, 0);
  EXPECT_EQ(today("2027-03-16T08:00").held_back_minutes, 75);

  auto yesterday = at("2027-03-15T09:00").emergency("mainz", "old");  // another day: not counted
  ASSERT_TRUE(yesterday);
  ASSERT_TRUE(at("2027-03-15T09:01").call(yesterday->id, reception_desk));
  ASSERT_TRUE(at("2027-03-15T09:02").start(yesterday->id, reception_desk));

  auto first = at("2027-03-16T09:00").emergency("mainz", "e1");
  ASSERT_TRUE(first);
  ASSERT_TRUE(at("2027-03-16T09:02").call(first->id, reception_desk));
  ASSERT_TRUE(at("2027-03-16T09:05").start(first->id, reception_desk));
  ASSERT_TRUE(at("2027-03-16T09:25").finish(first->id, reception_desk));  // 20 minutes

  auto second = at("2027-03-16T10:00").emergency("mainz", "e2");
  ASSERT_TRUE(second);
  ASSERT_TRUE(at("2027-03-16T10:05").call(second->id, reception_desk));
  ASSERT_TRUE(at("2027-03-16T10:10").start(second->id, reception_desk));  // still in service

  auto walk_in = at("2027-03-16T10:00").walk_in("mainz", "continued-benefits", "w1");  // not an emergency
  ASSERT_TRUE(walk_in && *walk_in);
  const Actor caseworker{"staff-03", false};
  ASSERT_TRUE(at("2027-03-16T10:01").call((*walk_in)->id, caseworker));
  ASSERT_TRUE(at("2027-03-16T10:02").start((*walk_in)->id, caseworker));

  const EmergencyCapacity now = today("2027-03-16T10:40");
  EXPECT_EQ(now.emergencies, 2);
  EXPECT_EQ(now.used_minutes, 20 + 30);
  EXPECT_EQ(now.held_back_minutes, 75);
  EXPECT_EQ(now.left_minutes(), 25);
  EXPECT_EQ(today("2027-03-16T11:40").left_minutes(), 0);  // the running one used it all up
}

TEST_P(EmergencyCapacityTest, UnknownLocationHasNoAnswer) {
  EXPECT_FALSE(emergency_capacity_today(*store_, *catalogs_->current(), "nowhere", mainz("2027-03-16T10:00")));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, EmergencyCapacityTest, ::testing::Values(store::testing::sqlite_backend()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, EmergencyCapacityTest, ::testing::Values(store::testing::postgres_backend()),
                         [](const auto& info) { return info.param.name; });

// Service time from the stored life cycle alone.
store::TicketEvent event(TicketAction a, const std::string& local) { return {"t", a, mainz(local), "", ""}; }

TEST(ServedMinutes, CountsFromEachStartToWhatEndsTheServiceOrToNow) {
  using enum TicketAction;
  EXPECT_EQ(served_minutes({event(issued, "2027-03-16T09:00"), event(called, "2027-03-16T09:01")},
                           mainz("2027-03-16T10:00")).count(), 0);
  EXPECT_EQ(served_minutes({event(started, "2027-03-16T09:00"), event(finished, "2027-03-16T09:12"),
                            event(started, "2027-03-16T09:30"), event(transferred, "2027-03-16T09:35")},
                           mainz("2027-03-16T10:00")).count(), 17);
  EXPECT_EQ(served_minutes({event(started, "2027-03-16T09:50")}, mainz("2027-03-16T10:00")).count(), 10);
}

}  // namespace
}  // namespace amt::app
