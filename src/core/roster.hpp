// What the capacity engine prepares once per catalog version for one location: staff as bit
// indices (least flexible first), who is qualified for each service, who works in each 5-minute
// cell of each weekday, and absences. Read-only after construction, shared by request threads.
#pragma once

#include <array>
#include <vector>

#include "core/id_index.hpp"
#include "core/model.hpp"
#include "core/staff_set.hpp"

namespace amt::capacity {

constexpr int kCellMinutes = 5;                      // durations and slot grids are multiples of it
constexpr int kDayCells = 24 * 60 / kCellMinutes;  // cells of a local day without a DST change

struct StaffAbsence {
  int staff;
  Instant from;  // [from, to)
  Instant to;
};

class Roster {
 public:
  Roster(const Catalog& catalog, const Id& location_id);  // throws std::invalid_argument if unknown

  const Location& location() const { return location_; }
  Zone zone() const { return zone_; }
  int words() const { return words_; }
  int staff_count() const { return static_cast<int>(staff_.size()); }
  const Staff& staff(int index) const { return staff_[static_cast<std::size_t>(index)]; }
  const Service& service(int index) const { return services_[static_cast<std::size_t>(index)]; }
  int service_count() const { return static_cast<int>(services_.size()); }
  int staff_index(const Id& id) const { return staff_index_.find(id); }  // -1: not active staff here
  int service_index(const Id& id) const { return service_index_.find(id); }  // -1: not a service here

  const Word* qualified(int service) const { return &skill_rows_[row(service)]; }
  // Who works (by plan, breaks cut out) in local cell `cell` (minute 5*cell) of weekday 0..6.
  const Word* working(int weekday, int cell) const {
    return &week_rows_[row(weekday * kDayCells + cell)];
  }
  bool someone_works(int weekday, int cell) const { return someone_[static_cast<std::size_t>(weekday * kDayCells + cell)] != 0; }
  const std::vector<StaffAbsence>& absences() const { return absences_; }  // sorted by from
  // This location's staff and their absences, the input first_present() expects.
  const Catalog& own_catalog() const { return own_; }

 private:
  std::size_t row(int i) const { return static_cast<std::size_t>(i) * static_cast<std::size_t>(words_); }
  void index_staff(const Catalog& catalog);
  void index_services(const Catalog& catalog);
  void fill_week();
  void collect_absences(const Catalog& catalog);

  Location location_;
  Zone zone_ = nullptr;
  int words_ = 0;
  std::vector<Staff> staff_;
  IdIndex staff_index_;
  std::vector<Service> services_;
  IdIndex service_index_;
  std::vector<Word> skill_rows_;  // one row per service
  std::vector<Word> week_rows_;   // 7 * kDayCells rows
  std::vector<char> someone_;     // per row of week_rows_: not empty
  std::vector<StaffAbsence> absences_;
  Catalog own_;
};

}  // namespace amt::capacity
