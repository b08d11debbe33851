// In-process cost of absence re-planning: one day of the demo office (40 staff) with 400
// appointments, 5 staff absent the whole day (anyone, or five of one benefits team), on several
// seeded days. Target: median at most 200 ms (issue #7).
// Run: build/release/bench/replanning_bench --benchmark_repetitions=10
// Counters per day: appointments kept by the plan, the upper bound, the relaxations' bound, what
// augmenting paths alone kept, whether optimality was proven, moves, and the search nodes used.
// Each plan is checked with replan::validate() after timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "app/demo_data.hpp"
#include "core/replanning.hpp"
#include "core/responsibility.hpp"

namespace {

using namespace amt;

constexpr int kAppointments = 400;
constexpr int kAbsent = 5;
const LocalDate kFirstDay{date::year{2027} / 3 / 15};  // a Monday

struct Random {  // splitmix64, so every machine plans the same days
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

Instant local(LocalDate day, int minute) {
  return resolve(zone("Europe/Berlin"), at(day, LocalTime{minute})).earliest;
}

bool works(const Staff& s, int weekday, int from, int to) {
  const WorkDay& w = s.plan[static_cast<std::size_t>(weekday)];
  const bool covered = std::any_of(w.shifts.begin(), w.shifts.end(), [&](const TimeRange& r) {
    return r.start.minutes <= from && to <= r.end.minutes;
  });
  return covered && std::none_of(w.breaks.begin(), w.breaks.end(), [&](const TimeRange& r) {
           return r.start.minutes < to && from < r.end.minutes;
         });
}

// A booked day as the booking engine would leave it: each appointment at a random start on the
// 15-minute grid with a qualified person free then; responsible services with the citizen's own
// caseworker (fixed to them), pool services with a random free colleague.
replan::DayInput booked_day(const Catalog& catalog, int seed, bool one_team) {
  Random r{static_cast<std::uint64_t>(seed) * 7919 + 17};
  replan::DayInput day;
  day.location_id = "mainz";
  day.date = kFirstDay + date::days{7 * (seed / 4) + seed % 4};  // Monday to Thursday
  const int weekday = weekday_index(day.date);
  std::vector<std::vector<std::pair<int, int>>> busy(catalog.staff.size());
  for (int attempt = 0; attempt < 100 * kAppointments && day.appointments.size() < kAppointments; ++attempt) {
    const Service& service =
        catalog.services[static_cast<std::size_t>(r.below(static_cast<int>(catalog.services.size())))];
    const int from = 8 * 60 + 15 * r.below((8 * 60 - service.duration_minutes) / 15 + 1);
    const int to = from + service.duration_minutes;
    char number[16];
    std::snprintf(number, sizeof number, "%06d", 100000 + r.below(900000));
    std::size_t holder = static_cast<std::size_t>(r.below(static_cast<int>(catalog.staff.size())));
    if (service.routing == Routing::responsible) {
      const auto id = responsible_staff(catalog, "mainz", number);
      holder = static_cast<std::size_t>(catalog.staff_member(*id) - catalog.staff.data());
    }
    const Staff& s = catalog.staff[holder];
    const bool clash = std::any_of(busy[holder].begin(), busy[holder].end(),
                                   [&](auto b) { return b.first < to && from < b.second; });
    if (!s.has_skill(service.id) || !works(s, weekday, from, to) || clash) continue;
    busy[holder].emplace_back(from, to);
    Appointment a;
    a.id = "a" + std::to_string(day.appointments.size());
    a.location_id = "mainz";
    a.service_id = service.id;
    a.staff_id = s.id;
    a.customer_number = number;
    a.staff_fixed = service.routing == Routing::responsible;
    a.start = local(day.date, from);
    a.end = local(day.date, to);
    day.appointments.push_back(std::move(a));
  }
  // Anyone, or the benefits team "Leistung 1" (staff-01..10), whose pool work others must absorb.
  std::vector<int> people(one_team ? 10 : catalog.staff.size());
  for (std::size_t i = 0; i < people.size(); ++i) people[i] = static_cast<int>(i);
  for (int k = 0; k < kAbsent; ++k) {  // five distinct people, ill the whole day
    std::swap(people[static_cast<std::size_t>(k)],
              people[static_cast<std::size_t>(k + r.below(static_cast<int>(people.size()) - k))]);
    const Id& who = catalog.staff[static_cast<std::size_t>(people[static_cast<std::size_t>(k)])].id;
    day.new_absences.push_back(
        {"ill-" + who, who, local(day.date, 0), local(day.date + date::days{1}, 0), "ill"});
  }
  return day;
}

void replan_day(benchmark::State& state, bool one_team) {
  const Catalog catalog = app::demo_catalog(kFirstDay);
  const replan::DayInput day = booked_day(catalog, static_cast<int>(state.range(0)), one_team);
  replan::Replanning result;
  for (auto _ : state) {
    result = replan::plan_absences(catalog, day);
    benchmark::DoNotOptimize(result);
  }
  if (!replan::validate(catalog, day, result.plan).empty()) state.SkipWithError("the plan is not valid");
  const replan::PlanQuality& q = result.quality;
  state.counters["appointments"] = q.appointments;
  state.counters["displaced"] = q.displaced;
  state.counters["kept"] = q.kept;
  state.counters["upper_bound"] = q.upper_bound;
  state.counters["relaxation"] = q.relaxation_bound;
  state.counters["seed_kept"] = q.seed_kept;
  state.counters["proven"] = q.proven_optimal ? 1 : 0;
  state.counters["prefs_proven"] = q.preferences_proven ? 1 : 0;
  state.counters["moves"] = q.moves;
  state.counters["nodes"] = static_cast<double>(q.nodes);
}
// 100 seeded days in a row: how many plans are proven optimal, and how far the others may be
// from the optimum (upper bound minus kept, summed). Time per iteration covers all 100 days.
void replan_many(benchmark::State& state, bool one_team) {
  const Catalog catalog = app::demo_catalog(kFirstDay);
  std::vector<replan::DayInput> days;
  for (int seed = 1; seed <= 100; ++seed) days.push_back(booked_day(catalog, seed, one_team));
  int proven = 0;
  int gap = 0;
  for (auto _ : state) {
    proven = gap = 0;
    for (const replan::DayInput& day : days) {
      const replan::Replanning r = replan::plan_absences(catalog, day);
      proven += r.quality.proven_optimal ? 1 : 0;
      gap += r.quality.upper_bound - r.quality.kept;
    }
  }
  state.counters["days"] = static_cast<double>(days.size());
  state.counters["proven_days"] = proven;
  state.counters["gap_sum"] = gap;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(days.size()));
}

void BM_ReplanDay(benchmark::State& state) { replan_day(state, false); }
void BM_ReplanHundredDays(benchmark::State& state) { replan_many(state, false); }
void BM_ReplanHundredDaysOneTeamOut(benchmark::State& state) { replan_many(state, true); }
void BM_ReplanDayOneTeamOut(benchmark::State& state) { replan_day(state, true); }
BENCHMARK(BM_ReplanDay)->DenseRange(1, 8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplanDayOneTeamOut)->DenseRange(1, 8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplanHundredDays)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ReplanHundredDaysOneTeamOut)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
