// The pool of read connections.
#include "store/sqlite/reader_pool.hpp"

namespace amt::store::sqlite {

ReaderPool::ReaderPool(std::string path, std::size_t max_connections, int cache_kib)
    : path_(std::move(path)), max_connections_(max_connections), cache_kib_(cache_kib) {}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  ++open_;
  lock.unlock();
  try {
    auto c = std::make_unique<Connection>(path_, cache_kib_);
    c->exec("PRAGMA query_only=ON");  // a reader that tries to write is a bug
    return Lease(*this, std::move(c));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void ReaderPool::give_back(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }
  returned_.notify_one();
}

}  // namespace amt::store::sqlite
