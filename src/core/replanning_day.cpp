// Working time, breaks and absences of one local day as spans of seconds from local midnight.
#include "core/replanning_day.hpp"

#include <algorithm>
#include <stdexcept>

namespace amt::replan::detail {

namespace {

std::vector<Span> merged(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> out;
  for (Span s : spans) {
    if (s.begin >= s.end) continue;
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
      continue;
    }
    out.push_back(s);
  }
  return out;
}

bool any_overlap(const std::vector<Span>& spans, Span s) {
  return std::any_of(spans.begin(), spans.end(), [&](Span x) { return overlaps(x, s); });
}

}  // namespace

DayStaff::DayStaff(const Catalog& catalog, const Id& location_id, LocalDate date,
                   const std::vector<Absence>& extra)
    : catalog_(catalog), location_(catalog.location(location_id)), date_(date) {
  if (location_ == nullptr) throw std::invalid_argument("unknown location " + location_id);
  zone_ = zone(location_->time_zone);
  midnight_ = resolve(zone_, at(date, LocalTime{0})).earliest;
  length_ = seconds(resolve(zone_, at(date + date::days{1}, LocalTime{0})).earliest);
  const auto weekday = static_cast<std::size_t>(weekday_index(date));
  for (const Staff& s : catalog.staff) {
    if (!s.active || s.location_id != location_id) continue;
    index_.emplace(s.id, count());
    staff_.push_back(&s);
    Day day;
    for (const TimeRange& r : s.plan[weekday].shifts) day.shifts.push_back(local_span(r));
    day.shifts = merged(std::move(day.shifts));
    for (const TimeRange& r : s.plan[weekday].breaks) day.breaks.push_back(local_span(r));
    days_.push_back(std::move(day));
  }
  for (const Absence& a : catalog.absences) add_absence(a);
  for (const Absence& a : extra) add_absence(a);
}

int DayStaff::index(const Id& id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

const Service* DayStaff::service(const Id& id) const {
  const Service* s = catalog_.service(id);
  return s != nullptr && s->location_id == location_->id ? s : nullptr;
}

bool DayStaff::on_day(const Appointment& a) const {
  if (a.location_id != location_->id || !holds_time(a.status) || a.end <= a.start) return false;
  const int start = seconds(a.start);
  return 0 <= start && start < length_;
}

Span DayStaff::span(const Appointment& a) const { return {seconds(a.start), seconds(a.end)}; }

// Checked in the order a team lead would look: skill, plan, break, absence.
std::optional<Violation> DayStaff::unavailable(int i, const Service* service, Span s) const {
  if (service != nullptr && !staff(i).has_skill(service->id)) return Violation::not_qualified;
  const Day& day = days_[static_cast<std::size_t>(i)];
  const bool covered = std::any_of(day.shifts.begin(), day.shifts.end(),
                                   [&](Span x) { return x.begin <= s.begin && s.end <= x.end; });
  if (!covered) return Violation::outside_working_time;
  if (any_overlap(day.breaks, s)) return Violation::in_break;
  if (any_overlap(day.absences, s)) return Violation::absent;
  return std::nullopt;
}

// Clamped to just outside the day, so absences of several weeks fit an int.
int DayStaff::seconds(Instant t) const {
  const long long s = (t - midnight_).count();
  return static_cast<int>(std::clamp<long long>(s, -1, 2LL * 24 * 3600));
}

// A plan's local times through the zone: an edge in a spring gap moves to where the gap ends; in
// an autumn repeat a range opens at the first and closes at the second occurrence.
Span DayStaff::local_span(TimeRange r) const {
  return {seconds(resolve(zone_, at(date_, r.start)).earliest),
          seconds(resolve(zone_, at(date_, r.end)).latest)};
}

void DayStaff::add_absence(const Absence& a) {
  const int i = index(a.staff_id);
  if (i < 0 || a.to <= a.from) return;
  const Span s{seconds(a.from), seconds(a.to)};
  if (s.end <= 0 || s.begin >= length_) return;
  days_[static_cast<std::size_t>(i)].absences.push_back(s);
}

}  // namespace amt::replan::detail
