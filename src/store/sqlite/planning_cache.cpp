// The writer's cache of planning rows, patched by rowid from sqlite3_update_hook.
#include "store/sqlite/planning_cache.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace amt::store::sqlite {

void PlanningCache::on_change(void* self, int, const char* database, const char* table, sqlite3_int64 rowid) {
  // Runs inside SQLite's step: it may only take note, never touch the connection.
  if (std::strcmp(table, "appointments") != 0 || std::strcmp(database, "main") != 0) return;
  auto& cache = *static_cast<PlanningCache*>(self);
  if (cache.overflowed_ || cache.ranges_.empty()) return;
  if (cache.changed_.size() >= max_changes) {
    cache.overflowed_ = true;
    return;
  }
  cache.changed_.push_back(rowid);
}

void PlanningCache::forget() {
  ranges_.clear();
  changed_.clear();
  overflowed_ = false;
  rows_ = 0;
}

std::vector<Appointment> PlanningCache::appointments_to_plan(Connection& c, const Id& location_id,
                                                             Instant from, Instant to) {
  watch(c);
  catch_up(c);
  auto it = std::find_if(ranges_.begin(), ranges_.end(), [&](const Range& r) {
    return r.from == from && r.to == to && r.location_id == location_id;
  });
  Range& range = it != ranges_.end() ? *it : load(c, location_id, from, to);
  range.last_used = ++clock_;
  std::vector<Appointment> out;
  out.reserve(range.rows.size());
  for (const PlanningRow& row : range.rows) out.push_back(row.appointment);
  if (rows_ > max_rows) evict_beyond(max_rows);  // after the copy: range may be the one to go
  return out;
}

void PlanningCache::watch(Connection& c) {
  if (watched_ == &c) return;
  if (watched_ != nullptr) throw std::logic_error("PlanningCache: one cache per connection");
  // Installed on the first read, from the writer thread: nothing was cached before.
  sqlite3_update_hook(c.get(), &PlanningCache::on_change, this);
  watched_ = &c;
}

void PlanningCache::catch_up(Connection& c) {
  // Changes committed by any other connection (a CLI command on the same file) move it; this
  // connection's own do not. Inside the writer's BEGIN IMMEDIATE nobody else can write meanwhile.
  auto version = c.query("PRAGMA data_version");
  version.step();
  const std::int64_t now = version.int64(0);
  if (now != data_version_ || overflowed_) forget();
  data_version_ = now;
  if (changed_.empty()) return;
  std::sort(changed_.begin(), changed_.end());
  changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
  for (std::int64_t rowid : changed_) {
    const auto row = planning_row(c, rowid);
    patch(rowid, row ? &*row : nullptr);
  }
  changed_.clear();
}

void PlanningCache::patch(std::int64_t rowid, const Appointment* now) {
  // A new booking's rowid lies above every cached one: nothing of it can be cached yet.
  const bool maybe_cached = rowid <= max_rowid_;
  for (Range& range : ranges_) {
    if (maybe_cached) {
      const auto gone = std::remove_if(range.rows.begin(), range.rows.end(),
                                       [&](const PlanningRow& row) { return row.rowid == rowid; });
      rows_ -= static_cast<std::size_t>(range.rows.end() - gone);
      range.rows.erase(gone, range.rows.end());
    }
    if (now == nullptr || !planning_row_matches(*now, range.location_id, range.from, range.to)) continue;
    const auto at = std::upper_bound(
        range.rows.begin(), range.rows.end(), *now,
        [](const Appointment& a, const PlanningRow& row) { return planning_order(a, row.appointment); });
    range.rows.insert(at, PlanningRow{rowid, *now});
    ++rows_;
    max_rowid_ = std::max(max_rowid_, rowid);
  }
}

PlanningCache::Range& PlanningCache::load(Connection& c, const Id& location_id, Instant from, Instant to) {
  Range range{location_id, from, to, planning_rows(c, location_id, from, to)};
  rows_ += range.rows.size();
  for (const PlanningRow& row : range.rows) max_rowid_ = std::max(max_rowid_, row.rowid);
  ranges_.push_back(std::move(range));
  return ranges_.back();
}

void PlanningCache::evict_beyond(std::size_t rows) {
  while (rows_ > rows && !ranges_.empty()) {
    auto oldest = std::min_element(ranges_.begin(), ranges_.end(),
                                   [](const Range& a, const Range& b) { return a.last_used < b.last_used; });
    rows_ -= oldest->rows.size();
    ranges_.erase(oldest);
  }
}

}  // namespace amt::store::sqlite
