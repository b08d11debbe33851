// The pool hands out idle connections first (dropping those the server closed meanwhile) and opens
// new ones (outside its lock) up to its size.
#include "store/postgres/pool.hpp"

namespace amt::store::postgres {

Pool::Pool(std::string url, int size) : url_(std::move(url)), size_(size < 1 ? 1 : static_cast<std::size_t>(size)) {
  idle_.push_back(std::make_unique<Connection>(url_));
  open_ = 1;
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
  while (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    if (c->still_healthy()) return Lease(*this, std::move(c));
    --open_;  // the server closed it while it was idle: open a new one instead
  }
  ++open_;  // reserve the place, then connect without holding the lock
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(url_));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::give_back(std::unique_ptr<Connection> c) {
  bool keep = c->healthy() && !c->in_transaction();
  if (!keep) c.reset();  // a new connection replaces it on demand
  {
    std::lock_guard lock(mutex_);
    if (keep) idle_.push_back(std::move(c));
    else --open_;
  }
  freed_.notify_one();
}

}  // namespace amt::store::postgres
