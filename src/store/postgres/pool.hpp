// A fixed-size pool of PostgreSQL connections, opened on demand; a caller waits when all are busy.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.hpp"

namespace amt::store::postgres {

class Pool {
 public:
  // Opens the first connection at once, so a wrong URL or a missing server fails here.
  Pool(std::string url, int size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Exclusive use of one connection for the lease's lifetime. A connection that is broken or
  // left inside a transaction is closed instead of being handed to the next caller.
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(&pool), c_(std::move(c)) {}
    ~Lease() { if (c_) pool_->give_back(std::move(c_)); }
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    Connection& operator*() const { return *c_; }
    Connection* operator->() const { return c_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease acquire();
  const std::string& url() const { return url_; }

 private:
  void give_back(std::unique_ptr<Connection> c);

  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle plus leased
};

}  // namespace amt::store::postgres
