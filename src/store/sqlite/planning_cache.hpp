// The writer's cache of planning rows: every booking reads its whole day of appointments inside
// the one writer, and re-reading hundreds of unchanged rows per booking was most of its work.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model.hpp"
#include "store/sqlite/appointment_rows.hpp"
#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

// Used only on the writer thread, with the writer's connection. Coherent because every change to
// appointments on that connection is reported by sqlite3_update_hook and re-read by rowid before
// the next answer; what the hook cannot report is handled by forgetting everything: undone
// changes (the writer calls forget() after every ROLLBACK and ROLLBACK TO) and writes by other
// connections (PRAGMA data_version moves). The hook misses rows that INSERT OR REPLACE deletes
// and tables emptied by the truncate optimisation: nothing writes appointments that way, and its
// triggers rule the latter out. It must outlive the connection it watches, whose hook points at it.
class PlanningCache {
 public:
  // At most this many rows in all (about 0.5 KB each): the server's memory target is 64 MB.
  static constexpr std::size_t max_rows = 4096;
  // More changed rows than this since the last read (an absence re-planned, a purge): reading
  // the ranges again costs less than patching them row by row.
  static constexpr std::size_t max_changes = 256;

  PlanningCache() = default;
  PlanningCache(const PlanningCache&) = delete;
  PlanningCache& operator=(const PlanningCache&) = delete;

  // What appointments_overlapping(c, location_id, from, to, planning) returns, in its order.
  std::vector<Appointment> appointments_to_plan(Connection& c, const Id& location_id, Instant from,
                                                Instant to);
  void forget();
  std::size_t rows() const { return rows_; }  // cached, in all ranges

 private:
  struct Range {
    Id location_id;
    Instant from;
    Instant to;
    std::vector<PlanningRow> rows;  // in the query's order (planning_order)
    std::uint64_t last_used = 0;
  };

  static void on_change(void* self, int op, const char* database, const char* table,
                        long long rowid);  // sqlite3_int64
  void watch(Connection& c);
  void catch_up(Connection& c);
  void patch(std::int64_t rowid, const Appointment* now);
  Range& load(Connection& c, const Id& location_id, Instant from, Instant to);
  void evict_beyond(std::size_t rows);

  Connection* watched_ = nullptr;
  std::int64_t data_version_ = -1;
  std::vector<Range> ranges_;
  std::vector<std::int64_t> changed_;  // rowids written since the last catch_up
  bool overflowed_ = false;            // more than max_changes: forget instead of patching
  std::size_t rows_ = 0;
  std::int64_t max_rowid_ = 0;  // the highest rowid ever cached
  std::uint64_t clock_ = 0;
};

}  // namespace amt::store::sqlite
