// What only the PostgreSQL store promises: the database itself refuses a double booking of one
// staff member, and several stores (servers) on one database see each other's writes, keep the
// per-contact limit and idempotency keys, and notice each other's commits in data_version(); their
// mail workers share one outbox without sending a message twice.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "store/postgres/connection.hpp"
#include "store/postgres/version_watch.hpp"
#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

// A fresh database and two stores on it, like two servers behind one load balancer.
class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = create_migrated_postgres_database();
    a_ = open_store(db_.url, {4});
    a_->migrate();
    b_ = open_store(db_.url, {4});
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    db_.drop();
  }
  Store& a() { return *a_; }
  Store& b() { return *b_; }
  std::string database() const {
    const auto slash = db_.url.rfind('/');
    return db_.url.substr(slash + 1, db_.url.find('?') - slash - 1);
  }

  TestDatabase db_;
  std::unique_ptr<Store> a_, b_;
};

Appointment with(const std::string& id, const std::string& staff, Instant start, Minutes length = Minutes{30}) {
  Appointment a = sample_appointment(id, start, length);
  a.staff_id = staff;
  return a;
}

TEST_F(PostgresStore, DatabaseRefusesToBookOneStaffMemberTwiceAtOnce) {
  insert(a(), with("first", "anna", at_utc(2027, 3, 15, 9)));
  try {
    insert(b(), with("second", "anna", at_utc(2027, 3, 15, 9, 15)));
    FAIL() << "an overlapping appointment for anna was stored";
  } catch (const postgres::PgError& e) {
    EXPECT_EQ(e.sqlstate(), "23P01") << e.what();  // exclusion_violation
  }
  insert(b(), with("other-staff", "bert", at_utc(2027, 3, 15, 9, 15)));
  insert(b(), with("touching", "anna", at_utc(2027, 3, 15, 9, 30)));
  EXPECT_EQ(a().count_appointments(), 3);
}

TEST_F(PostgresStore, CancelledOrUnassignedAppointmentsHoldNoStaffTime) {
  Appointment cancelled = with("cancelled", "anna", at_utc(2027, 3, 15, 9));
  cancelled.status = AppointmentStatus::cancelled;
  insert(a(), cancelled);
  insert(a(), with("unassigned-1", "", at_utc(2027, 3, 15, 9)));
  insert(a(), with("unassigned-2", "", at_utc(2027, 3, 15, 9)));
  EXPECT_NO_THROW(insert(a(), with("rebooked", "anna", at_utc(2027, 3, 15, 9))));
}

TEST_F(PostgresStore, SwappingTwoStaffMembersInsideOneWriteIsAllowed) {
  insert(a(), with("x", "anna", at_utc(2027, 3, 15, 9)));
  insert(a(), with("y", "bert", at_utc(2027, 3, 15, 9)));
  // Moving appointments along an augmenting path passes through an overlapping state; the
  // constraint is checked at commit, when the calendar is consistent again.
  a().write([](WriteTx& tx) {
    Appointment x = *tx.appointment_by_id("x"), y = *tx.appointment_by_id("y");
    x.staff_id = "bert";
    tx.update_appointment(x);
    y.staff_id = "anna";
    tx.update_appointment(y);
  });
  EXPECT_EQ(b().appointment_by_code("Kx")->staff_id, "bert");
  EXPECT_EQ(b().appointment_by_code("Ky")->staff_id, "anna");
}

// Server B learns of A's commits without a query on the caller's thread (a notification, at the
// latest its next heartbeat): once the watch's lease has passed it knows the new version or admits
// that it does not know.
TEST_F(PostgresStore, ACommitOnOneServerReachesTheOthersDataVersionWithinASecond) {
  using Clock = std::chrono::steady_clock;
  const std::uint64_t before = known_version(b());
  insert(a(), with("a1", "anna", at_utc(2027, 3, 15, 9)));
  const auto committed = Clock::now();
  std::optional<std::uint64_t> seen;
  while (Clock::now() - committed < std::chrono::seconds(1)) {
    const auto waited = Clock::now() - committed;  // taken before reading: the stricter side
    seen = b().data_version();
    if (seen && *seen > before) break;
    EXPECT_FALSE(seen && waited > postgres::VersionWatch::Timing{}.lease)
        << "B still vouches for an old version after the lease";
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(seen && *seen > before) << "B did not learn of A's commit within a second";
  EXPECT_TRUE(b().appointment_by_code("Ka1").has_value()) << "a version B knows promises its data";

  const std::uint64_t after = known_version(b());
  EXPECT_THROW(a().write([](WriteTx&) { throw std::runtime_error("refused"); }), std::runtime_error);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a heartbeat or more
  EXPECT_EQ(known_version(b()), after) << "a rolled-back write changed nothing";
  EXPECT_EQ(known_version(a()), after) << "A's own version is the shared one";
}

// Without its watch connection a server cannot know of other servers' writes: it stops vouching for
// its version at once (so caches go off), and after reconnecting it knows what happened meanwhile.
TEST_F(PostgresStore, LosingTheWatchConnectionStopsVouchingUntilItHasCaughtUp) {
  const std::uint64_t before = known_version(b());
  postgres_admin_exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
                      std::string(postgres::VersionWatch::application_name) + "' AND datname = '" + database() + "'");
  bool vouched = true;
  for (int n = 0; n < 1000 && vouched; ++n) {
    vouched = b().data_version().has_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_FALSE(vouched) << "B kept vouching for its version without its watch";
  insert(a(), with("meanwhile", "anna", at_utc(2027, 3, 15, 9)));  // no one listens now
  EXPECT_GT(known_version(b()), before) << "after reconnecting, B knows of the write made meanwhile";
}

// Every thread books for the same contact through one of the two servers; counting locks the
// contact until commit, so the next writer's count includes the previous one's booking.
TEST_F(PostgresStore, ContactLimitHoldsWhenTwoServersBookAtOnce) {
  constexpr int limit = 3, threads = 16;
  std::atomic<int> runs{0};
  std::vector<std::future<void>> done;
  for (int n = 0; n < threads; ++n)
    done.push_back(std::async(std::launch::async, [&, n] {
      Store& server = n % 2 == 0 ? a() : b();
      server.write([&](WriteTx& tx) {
        ++runs;
        if (tx.count_active_for_contact("erika@example.org", "", at_utc(2027, 3, 1, 0)) >= limit) return;
        tx.insert_appointment(with("c" + std::to_string(n), "s" + std::to_string(n), at_utc(2027, 3, 15, 9)));
      });
    }));
  for (auto& f : done) f.get();
  EXPECT_EQ(a().count_appointments(), limit);
  EXPECT_GE(runs.load(), threads);
}

TEST_F(PostgresStore, OneIdempotencyKeyBooksOnceAcrossServers) {
  constexpr int threads = 12;
  std::vector<std::future<std::string>> done;
  for (int n = 0; n < threads; ++n)
    done.push_back(std::async(std::launch::async, [&, n] {
      std::string booked;
      (n % 2 == 0 ? a() : b()).write([&](WriteTx& tx) {
        if (auto earlier = tx.idempotency("retry-key")) {
          booked = earlier->appointment_id;
          return;
        }
        Appointment x = with("i" + std::to_string(n), "s" + std::to_string(n), at_utc(2027, 3, 15, 9));
        tx.insert_appointment(x);
        tx.save_idempotency({"retry-key", "hash", x.id, "nonce", at_utc(2027, 3, 1, 0)});
        booked = x.id;
      });
      return booked;
    }));
  std::string first = done[0].get();
  for (int n = 1; n < threads; ++n) EXPECT_EQ(done[n].get(), first) << n;
  EXPECT_EQ(a().count_appointments(), 1);
}

// A writer holds the calendar of 15 March open on server A: a writer on server B for the same day
// waits and then sees A's booking; a writer for 25 March goes ahead meanwhile.
TEST_F(PostgresStore, WritersOnOneDayTakeTurnsWhileOtherDaysGoAhead) {
  const Instant day = at_utc(2027, 3, 15, 0), other_day = at_utc(2027, 3, 25, 0);
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> told{false};
  auto first = std::async(std::launch::async, [&] {
    a().write([&](WriteTx& tx) {
      tx.appointments("mainz", day, day + Minutes{24 * 60});
      tx.insert_appointment(with("held", "anna", at_utc(2027, 3, 15, 9)));
      if (!told.exchange(true)) holding.set_value();
      released.wait();
    });
  });
  holding.get_future().wait();
  auto same_day = std::async(std::launch::async, [&] {
    std::size_t seen = 0;
    b().write([&](WriteTx& tx) { seen = tx.appointments("mainz", day, day + Minutes{24 * 60}).size(); });
    return seen;
  });
  auto other = std::async(std::launch::async, [&] {
    b().write([&](WriteTx& tx) {
      tx.appointments("mainz", other_day, other_day + Minutes{24 * 60});
      tx.insert_appointment(with("elsewhere", "anna", at_utc(2027, 3, 25, 9)));
    });
  });
  EXPECT_EQ(other.wait_for(std::chrono::seconds(5)), std::future_status::ready) << "another day had to wait";
  EXPECT_EQ(same_day.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout) << "the same day did not wait";
  release.set_value();
  first.get();
  other.get();
  EXPECT_EQ(same_day.get(), 1u) << "after waiting, the writer sees the booking it waited for";
}

// Holds one write of a one-lane store open, queues `writes` more behind it and lets go: the queued
// ones then run as one group (group commit), since the lane was busy when they arrived.
void write_behind_a_held_write(Store& store, const std::vector<std::function<void(WriteTx&)>>& writes,
                               std::vector<std::future<void>>& queued) {
  std::promise<void> holding, release;
  auto held = std::async(std::launch::async, [&] {
    store.write([&](WriteTx& tx) {
      Appointment held = with("held", "anna", at_utc(2027, 3, 15, 8));
      held.contact = {"Max Mustermann", "max@example.org", ""};
      tx.insert_appointment(held);
      holding.set_value();
      release.get_future().wait();
    });
  });
  holding.get_future().wait();
  for (const auto& w : writes) queued.push_back(std::async(std::launch::async, [&store, w] { store.write(w); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all of them queued behind the held one
  release.set_value();
  held.get();
}

// Writes arriving while the server's lane is busy share one transaction: one commit, one advance
// of the shared data version for all of them, and each sees what the one before it wrote.
TEST_F(PostgresStore, WritesArrivingTogetherShareOneCommit) {
  auto one_lane = open_store(db_.url, {1});
  const std::uint64_t before = known_version(*one_lane);
  constexpr int writes = 5;
  std::atomic<int> seen_before_own{0};
  std::vector<std::function<void(WriteTx&)>> jobs;
  for (int n = 0; n < writes; ++n)
    jobs.push_back([&, n](WriteTx& tx) {
      seen_before_own += tx.count_active_for_contact("erika@example.org", "", at_utc(2027, 3, 1, 0));
      Appointment x = with("q" + std::to_string(n), "s" + std::to_string(n), at_utc(2027, 3, 15, 9));
      x.contact.email = "erika@example.org";
      tx.insert_appointment(x);
    });
  std::vector<std::future<void>> queued;
  write_behind_a_held_write(*one_lane, jobs, queued);
  for (auto& f : queued) f.get();
  EXPECT_EQ(a().count_appointments(), writes + 1);
  EXPECT_EQ(known_version(*one_lane), before + 2) << "the held write and one group: two commits";
  EXPECT_EQ(seen_before_own.load(), 0 + 1 + 2 + 3 + 4) << "each write saw the group's earlier ones";
}

// One write of a group failing (its own exception, or the database refusing its row) rolls back
// only its own changes; the others commit.
TEST_F(PostgresStore, AFailingWriteInAGroupRollsBackOnlyItsOwnChanges) {
  auto one_lane = open_store(db_.url, {1});
  std::vector<std::function<void(WriteTx&)>> jobs = {
      [](WriteTx& tx) { tx.insert_appointment(with("kept-1", "bert", at_utc(2027, 3, 15, 9))); },
      [](WriteTx& tx) {
        tx.insert_appointment(with("thrown", "carl", at_utc(2027, 3, 15, 9)));
        throw std::runtime_error("refused by the use case");
      },
      [](WriteTx& tx) { tx.insert_appointment(with("kept-2", "dora", at_utc(2027, 3, 15, 9))); },
  };
  std::vector<std::future<void>> queued;
  write_behind_a_held_write(*one_lane, jobs, queued);
  EXPECT_NO_THROW(queued[0].get());
  EXPECT_THROW(queued[1].get(), std::runtime_error);
  EXPECT_NO_THROW(queued[2].get());
  EXPECT_TRUE(b().appointment_by_code("Kkept-1").has_value());
  EXPECT_TRUE(b().appointment_by_code("Kkept-2").has_value());
  EXPECT_FALSE(b().appointment_by_code("Kthrown").has_value());
}

TEST_F(PostgresStore, WritingFromInsideAWriteJobThrowsInsteadOfDeadlocking) {
  EXPECT_THROW(a().write([&](WriteTx& tx) {
    tx.appointments("mainz", at_utc(2027, 3, 15, 0), at_utc(2027, 3, 16, 0));
    insert(a(), with("inner", "anna", at_utc(2027, 3, 15, 9)));
  }), std::logic_error);
  EXPECT_EQ(a().count_appointments(), 0);
  insert(a(), with("afterwards", "anna", at_utc(2027, 3, 15, 9)));  // the store still writes
  EXPECT_EQ(a().count_appointments(), 1);
}

TEST_F(PostgresStore, ServersMigratingAnEmptyDatabaseAtOnceApplyEachVersionOnce) {
  TestDatabase fresh = create_postgres_database();
  std::vector<std::future<int>> servers;
  for (int n = 0; n < 4; ++n)
    servers.push_back(std::async(std::launch::async, [&] {
      auto s = open_store(fresh.url);
      s->migrate();
      return s->schema_version();
    }));
  for (auto& s : servers) EXPECT_EQ(s.get(), a().schema_version());
  EXPECT_GE(a().schema_version(), 1);
  fresh.drop();
}

// After a database restart or failover every pooled connection is gone; the next request must
// get a new one instead of an error.
TEST_F(PostgresStore, ConnectionsTheDatabaseClosedAreReplacedUnnoticed) {
  insert(a(), with("before", "anna", at_utc(2027, 3, 15, 9)));
  insert(b(), with("before-b", "bert", at_utc(2027, 3, 15, 9)));
  postgres_admin_exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database() + "'");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(a().count_appointments(), 2);
  EXPECT_NO_THROW(insert(b(), with("after", "anna", at_utc(2027, 3, 15, 10))));
  EXPECT_EQ(b().count_appointments(), 3);
}

TEST_F(PostgresStore, NoServerAtTheUrlFailsWhenOpening) {
  EXPECT_THROW(open_store("postgresql://amt@127.0.0.1:1/nothing"), postgres::PgError);
  EXPECT_THROW(open_store(db_.url, {0}), std::invalid_argument);
}

TEST_F(PostgresStore, PoolNeverOpensMoreConnectionsThanItsSize) {
  auto small = open_store(db_.url, {2});
  std::atomic<int> inside{0}, most{0};
  std::vector<std::future<void>> done;
  for (int n = 0; n < 6; ++n)
    done.push_back(std::async(std::launch::async, [&] {
      small->write([&](WriteTx&) {
        int now = ++inside;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        --inside;
      });
    }));
  for (auto& f : done) f.get();
  EXPECT_EQ(most.load(), 2);
}

// --- the outbox and documents on several servers ---

// Four mail workers, two per server, claim and send at once until the outbox is empty.
TEST_F(PostgresStore, WorkersOnTwoServersClaimEveryMessageExactlyOnce) {
  constexpr int messages = 60;
  const Instant now = at_utc(2027, 3, 1, 9);
  for (int i = 0; i < messages; ++i)
    a().write([&](WriteTx& tx) { tx.enqueue_outbox(sample_message("m" + std::to_string(i), now)); });
  std::mutex mutex;
  std::map<std::string, int> claims;
  std::atomic<int> refused_marks{0};
  std::vector<std::future<void>> workers;
  for (int w = 0; w < 4; ++w)
    workers.push_back(std::async(std::launch::async, [&, w] {
      Store& server = w % 2 == 0 ? a() : b();
      const std::string worker = "w" + std::to_string(w);
      for (;;) {
        const auto batch = server.claim_outbox("email", worker, now, std::chrono::seconds{60}, 2);
        if (batch.empty()) return;
        for (const auto& m : batch) {
          {
            std::lock_guard lock(mutex);
            ++claims[m.id];
          }
          if (!server.mark_outbox_sent(m.id, worker, now)) ++refused_marks;
        }
      }
    }));
  for (auto& w : workers) w.get();
  EXPECT_EQ(claims.size(), static_cast<std::size_t>(messages));
  for (const auto& [id, n] : claims) EXPECT_EQ(n, 1) << id << " was claimed more than once";
  EXPECT_EQ(refused_marks.load(), 0);
  EXPECT_TRUE(b().claim_outbox("email", "late", now + std::chrono::seconds{3600}, std::chrono::seconds{60}, 10).empty());
}

// A claim running on another server holds its rows until it commits: this claim takes the next
// message instead of waiting, and the held one is due again once the other claim is gone.
TEST_F(PostgresStore, ClaimSkipsAMessageAnotherServerIsClaimingInsteadOfWaiting) {
  const Instant now = at_utc(2027, 3, 1, 9);
  a().write([&](WriteTx& tx) {
    tx.enqueue_outbox(sample_message("m1", now));
    tx.enqueue_outbox(sample_message("m2", now));
  });
  postgres::Connection other(db_.url);
  other.exec("BEGIN");
  other.query("SELECT id FROM outbox WHERE id = 'm1' FOR UPDATE");
  auto claim = std::async(std::launch::async, [&] {
    return b().claim_outbox("email", "w2", now, std::chrono::seconds{60}, 10);
  });
  ASSERT_EQ(claim.wait_for(std::chrono::seconds(5)), std::future_status::ready) << "the claim waited for the lock";
  const auto got = claim.get();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, "m2");
  other.exec("ROLLBACK");
  const auto rest = a().claim_outbox("email", "w1", now, std::chrono::seconds{60}, 10);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, "m1");
}

// Mail workers poll every second on every server; their bookkeeping must not make every server
// throw away its availability caches.
TEST_F(PostgresStore, OutboxBookkeepingLeavesTheDataVersionAlone) {
  const Instant now = at_utc(2027, 3, 1, 9);
  a().write([&](WriteTx& tx) { tx.enqueue_outbox(sample_message("m1", now)); });
  // a's own commits move its version at once, so it is exact here (b learns of them asynchronously).
  const std::uint64_t before = known_version(a());
  EXPECT_TRUE(a().claim_outbox("email", "w1", now - std::chrono::seconds{1}, std::chrono::seconds{60}, 10).empty());
  ASSERT_EQ(a().claim_outbox("email", "w1", now, std::chrono::seconds{60}, 10).size(), 1u);
  EXPECT_TRUE(a().mark_outbox_sent("m1", "w1", now));
  EXPECT_EQ(known_version(a()), before);
}

TEST_F(PostgresStore, OneDedupeKeyQueuesOneMessageAcrossServers) {
  constexpr int threads = 8;
  std::atomic<int> queued{0};
  std::vector<std::future<void>> done;
  for (int n = 0; n < threads; ++n)
    done.push_back(std::async(std::launch::async, [&, n] {
      OutboxMessage m = sample_message("r" + std::to_string(n), at_utc(2027, 3, 1, 9));
      m.dedupe_key = "reminder:a1:email";
      bool added = false;
      (n % 2 == 0 ? a() : b()).write([&](WriteTx& tx) { added = tx.enqueue_outbox(m); });
      if (added) ++queued;
    }));
  for (auto& f : done) f.get();
  EXPECT_EQ(queued.load(), 1);
  EXPECT_EQ(a().outbox_for_appointment("a1").size(), 1u);
}

// Uploads check the per-appointment file limit inside their write: counting locks the
// appointment, so uploads arriving at two servers at once cannot both take the last place.
TEST_F(PostgresStore, FileLimitHoldsWhenTwoServersStoreUploadsAtOnce) {
  constexpr std::size_t limit = 3;
  constexpr int threads = 12;
  insert(a(), with("a1", "anna", at_utc(2027, 3, 15, 9)));
  std::vector<std::future<void>> done;
  for (int n = 0; n < threads; ++n)
    done.push_back(std::async(std::launch::async, [&, n] {
      const StoredDocument d{"d" + std::to_string(n), "a1", "", "scan.pdf", "application/pdf", 100,
                             std::string(64, 'a'), at_utc(2027, 3, 1, 9)};
      (n % 2 == 0 ? a() : b()).write([&](WriteTx& tx) {
        if (tx.documents("a1").size() >= limit) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // widen the window a race needs
        tx.insert_document(d);
      });
    }));
  for (auto& f : done) f.get();
  EXPECT_EQ(a().documents("a1").size(), limit);
}

}  // namespace
}  // namespace amt::store::testing
