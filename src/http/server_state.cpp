// The session registry: lets shutdown reach every connection and notices when the last one ends.
#include "http/server_state.hpp"

namespace amt::http {

void ServerState::add(const std::shared_ptr<Session>& session) {
  const std::lock_guard lock(mutex_);
  sessions_.emplace(session.get(), session);
  connections.fetch_add(1);
}

void ServerState::remove(const Session* session) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(session);
  const auto left = connections.fetch_sub(1) - 1;
  if (left == 0 && stopping.load() && on_drained_) on_drained_();
}

std::vector<std::shared_ptr<Session>> ServerState::live_sessions() {
  std::vector<std::shared_ptr<Session>> live;
  const std::lock_guard lock(mutex_);
  live.reserve(sessions_.size());
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

void ServerState::set_on_drained(std::function<void()> callback) {
  const std::lock_guard lock(mutex_);
  on_drained_ = std::move(callback);
}

}  // namespace amt::http
