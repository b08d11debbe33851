// The SQLite implementation of Store: one writer thread with group commit, a pool of readers.
#pragma once

#include <atomic>
#include <string>

#include "store/sqlite/reader_pool.hpp"
#include "store/sqlite/writer.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens (and creates) the database file; its directory must exist.
  explicit SqliteStore(const std::string& path);

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
  std::uint64_t data_version() override { return data_version_.load(); }
  int purge_idempotency(Instant cutoff) override;
  std::vector<NewsItem> news_items() override;
  void save_news(const NewsItem& item) override;

 private:
  std::string path_;
  std::atomic<std::uint64_t> data_version_{0};
  ReaderPool readers_;
  GroupCommitWriter writer_;  // last: destroyed first, so queued writes finish before the rest goes
};

}  // namespace amt::store::sqlite
