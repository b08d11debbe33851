// A few read connections shared by all threads: WAL lets them read while the writer writes.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

class ReaderPool {
 public:
  ReaderPool(std::string path, std::size_t max_connections, int cache_kib);

  // Exclusive use of one connection until the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> c) : pool_(pool), connection_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Opens connections lazily up to the maximum, then waits for one to come back.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Connection> c);

  std::string path_;
  std::size_t max_connections_;
  int cache_kib_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

// A read transaction: every query inside sees the same snapshot. Rolls back when it ends.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) { c_.exec("BEGIN"); }
  ~ReadTransaction() {
    try {
      c_.exec("ROLLBACK");
    } catch (...) {  // a read transaction has nothing to undo
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection& c_;
};

}  // namespace amt::store::sqlite
