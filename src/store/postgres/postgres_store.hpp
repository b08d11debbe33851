// The PostgreSQL implementation of Store, for several amtstermin servers on one database: a pool
// of connections, each write() a transaction that is run again when it loses a race.
#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>

#include "store/postgres/pool.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

class PgStore final : public Store {
 public:
  // How often write() runs fn at most when other transactions keep getting in the way.
  static constexpr int max_attempts = 10;

  // url is a libpq URL ("postgresql://user@host:port/db"); connects once at once, so a wrong URL
  // fails here. pool_size connections at most.
  PgStore(const std::string& url, int pool_size);

  void migrate() override;
  int schema_version() override;
  bool ready() override;

  Catalog load_catalog() override;
  bool has_catalog() override;
  void replace_catalog(const Catalog& catalog) override;

  std::vector<Appointment> appointments(const Id& location_id, Instant from, Instant to) override;
  std::optional<Appointment> appointment_by_code(std::string_view code) override;
  std::int64_t count_appointments() override;

  void write(const std::function<void(WriteTx&)>& fn) override;
  std::uint64_t data_version() override;
  int purge_idempotency(Instant cutoff) override;
  std::vector<NewsItem> news_items() override;
  void save_news(const NewsItem& item) override;

 private:
  // Runs job in a transaction, again (after a short pause) when it loses a race, then advances
  // the shared data version.
  void transact(const std::function<void(Connection&)>& job);
  template <typename Read>
  auto in_snapshot(Read read);

  Pool pool_;
  // Threads inside transact(): a write from inside a write would wait for its own locks (or for
  // a connection its caller holds) forever, so it throws instead, as on SQLite.
  std::mutex writers_mutex_;
  std::unordered_set<std::thread::id> writers_;
};

}  // namespace amt::store::postgres
