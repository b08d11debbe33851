// Contract: write() under concurrency (each job's failure stays its own), data_version, and
// durability across closing, reopening and SIGKILL.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

struct Refused : std::runtime_error {
  explicit Refused(int n) : std::runtime_error("refused " + std::to_string(n)), n(n) {}
  int n;
};

TEST_P(StoreContract, FailingJobRollsBackOnlyItselfWhileOthersInTheSameGroupCommit) {
  constexpr int writers = 50;
  auto failing = [](int n) { return n % 10 == 3; };  // 5 of 50 throw after inserting
  WriterGate gate(store());
  std::vector<std::thread> threads;
  std::vector<std::string> outcome(writers);
  for (int n = 0; n < writers; ++n) {
    threads.emplace_back([&, n] {
      try {
        store().write([&](WriteTx& tx) {
          tx.insert_appointment(numbered(n));
          if (failing(n)) throw Refused(n);
        });
        outcome[n] = "ok";
      } catch (const Refused& e) {
        outcome[n] = e.n == n ? "own error" : "someone else's error";
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  gate.open();
  for (auto& t : threads) t.join();
  for (int n = 0; n < writers; ++n) {
    EXPECT_EQ(outcome[n], failing(n) ? "own error" : "ok") << n;
    EXPECT_EQ(store().appointment_by_code(numbered(n).code).has_value(), !failing(n)) << n;
  }
  EXPECT_EQ(store().count_appointments(), writers - 5);
}

TEST_P(StoreContract, ConstraintViolationInOneJobDoesNotSpoilTheOthers) {
  insert(store(), numbered(0));
  WriterGate gate(store());
  auto ok = std::async(std::launch::async, [&] { insert(store(), numbered(1)); });
  auto duplicate = std::async(std::launch::async, [&] { insert(store(), numbered(0)); });
  auto also_ok = std::async(std::launch::async, [&] { insert(store(), numbered(2)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  gate.open();
  EXPECT_NO_THROW(ok.get());
  EXPECT_ANY_THROW(duplicate.get());
  EXPECT_NO_THROW(also_ok.get());
  EXPECT_EQ(store().count_appointments(), 3);
}

TEST_P(StoreContract, DataVersionGrowsWithEveryCommittedWrite) {
  std::uint64_t before = known_version(store());
  insert(store(), numbered(1));
  std::uint64_t after_insert = known_version(store());
  EXPECT_GT(after_insert, before);
  store().replace_catalog(sample_catalog());
  EXPECT_GT(known_version(store()), after_insert);
}

TEST_P(StoreContract, ReadsWhileWritingSeeOnlyWholeCommits) {
  std::atomic<bool> done{false};
  std::atomic<bool> torn{false};
  std::thread reader([&] {
    while (!done) {
      // Each write inserts a pair; a reader must never see half of one.
      if (store().count_appointments() % 2 != 0) torn = true;
    }
  });
  for (int n = 0; n < 40; n += 2)
    store().write([&](WriteTx& tx) {
      tx.insert_appointment(numbered(n));
      tx.insert_appointment(numbered(n + 1));
    });
  done = true;
  reader.join();
  EXPECT_FALSE(torn);
  EXPECT_EQ(store().count_appointments(), 40);
}

TEST_P(StoreContract, WrittenDataIsThereAfterClosingAndReopening) {
  store().replace_catalog(sample_catalog());
  for (int n = 0; n < 10; ++n) insert(store(), numbered(n));
  reopen();
  EXPECT_EQ(store().count_appointments(), 10);
  expect_same(numbered(7), *store().appointment_by_code(numbered(7).code));
  EXPECT_TRUE(store().has_catalog());
}

TEST_P(StoreContract, WriteAcknowledgedJustBeforeSigkillSurvives) {
  close_store();  // the child opens its own; nothing of this process's store may be shared
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      auto s = open_store(url());
      insert(*s, numbered(1));
      raise(SIGKILL);
    } catch (...) {
    }
    _exit(2);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child's write failed";
  reopen();
  ASSERT_TRUE(store().appointment_by_code(numbered(1).code).has_value());
  expect_same(numbered(1), *store().appointment_by_code(numbered(1).code));
}

}  // namespace
}  // namespace amt::store::testing
