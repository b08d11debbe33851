// What only the SQLite store promises: its file, WAL mode, group commit in one sync, and an
// intact database with every acknowledged booking after the writing process is killed.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

// Runs one text query on the database file directly, bypassing the store.
std::string raw_query(const std::string& url, const char* sql) {
  sqlite3* db = nullptr;
  std::string path = url.substr(std::string("sqlite:").size());
  std::string result = "(open failed)";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    result = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                                              : "(no row)";
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

struct TempDatabase {
  TestDatabase db = sqlite_backend().create();
  ~TempDatabase() { db.drop(); }
};

TEST(SqliteStore, OpeningCreatesTheDirectoryAndAWalDatabase) {
  TempDatabase temp;
  auto store = open_store(temp.db.url);
  store->migrate();
  std::string path = temp.db.url.substr(std::string("sqlite:").size());
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(raw_query(temp.db.url, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_query(temp.db.url, "SELECT name FROM schema_migrations WHERE version = 1"), "001_init.sql");
}

TEST(SqliteStore, UnknownUrlSchemeIsRefused) {
  EXPECT_THROW(open_store("mysql://localhost/amt"), std::invalid_argument);
  EXPECT_THROW(open_store("sqlite:"), std::invalid_argument);
}

TEST(SqliteStore, QueuedWritesShareOneCommit) {
  TempDatabase temp;
  auto store = open_store(temp.db.url);
  store->migrate();
  std::promise<void> release;
  auto blocker = std::async(std::launch::async, [&] {
    store->write([&](WriteTx&) { release.get_future().wait(); });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::uint64_t before = store->data_version().value();  // the blocker's group has not committed yet
  std::vector<std::thread> writers;
  for (int n = 0; n < 50; ++n)
    writers.emplace_back([&, n] { insert(*store, numbered(n)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  release.set_value();
  blocker.get();
  for (auto& t : writers) t.join();
  EXPECT_EQ(store->count_appointments(), 50);
  EXPECT_EQ(store->data_version().value() - before, 2u) << "the blocker's commit and one for all 50 writes";
}

TEST(SqliteStore, WritingFromInsideAWriteJobThrowsInsteadOfDeadlocking) {
  TempDatabase temp;
  auto store = open_store(temp.db.url);
  store->migrate();
  EXPECT_THROW(store->write([&](WriteTx&) { insert(*store, numbered(1)); }), std::logic_error);
  EXPECT_EQ(store->count_appointments(), 0);
}

bool read_int(int fd, int& value) {
  auto* bytes = reinterpret_cast<char*>(&value);
  std::size_t got = 0;
  while (got < sizeof value) {
    ssize_t n = read(fd, bytes + got, sizeof value - got);
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

// The child writes from 8 threads and reports every write() that returned; it is killed in
// the middle of that. Every reported booking must be there, and the file must be intact.
[[noreturn]] void write_until_killed(const std::string& url, int report_fd) {
  auto store = open_store(url);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        int n = t * 100000 + i;
        insert(*store, numbered(n));
        if (write(report_fd, &n, sizeof n) != sizeof n) _exit(3);
      }
    });
  for (auto& t : threads) t.join();
  _exit(0);
}

TEST(SqliteStore, KilledWriterLeavesAnIntactDatabaseWithEveryAcknowledgedBooking) {
  TempDatabase temp;
  open_store(temp.db.url)->migrate();
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    write_until_killed(temp.db.url, fds[1]);
  }
  close(fds[1]);
  std::vector<int> acknowledged;
  int n = 0;
  while (acknowledged.size() < 300 && read_int(fds[0], n)) acknowledged.push_back(n);
  kill(child, SIGKILL);
  while (read_int(fds[0], n)) acknowledged.push_back(n);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_GE(acknowledged.size(), 300u);

  EXPECT_EQ(raw_query(temp.db.url, "PRAGMA integrity_check"), "ok");
  auto store = open_store(temp.db.url);
  EXPECT_GE(store->count_appointments(), static_cast<std::int64_t>(acknowledged.size()));
  for (int id : acknowledged)
    ASSERT_TRUE(store->appointment_by_code(numbered(id).code).has_value()) << id;
}

}  // namespace
}  // namespace amt::store::testing
