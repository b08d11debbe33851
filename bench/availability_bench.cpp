// In-process cost of the availability answer: 60 days of one service at an office of 400 staff
// (the demo office's 40, ten times over) that already holds 10,000 appointments. Target: median
// at most 2 ms (issue #2). Run: build/release/bench/availability_bench --benchmark_repetitions=10
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "app/demo_data.hpp"
#include "core/availability.hpp"
#include "core/time.hpp"

namespace {

using namespace amt;

constexpr int copies = 10;  // 40 demo staff x 10 = 400
constexpr int days = 60;
constexpr std::size_t wanted_appointments = 10000;
const Id service_id = "continued-benefits";

std::string copy_id(const Id& id, int copy) { return copy == 0 ? id : id + "-c" + std::to_string(copy); }

// The demo office with every staff member cloned; clones keep skills, plans and team, and their
// deputies are the clones of the original's deputies. Horizons widened so 60 days are bookable.
Catalog large_office(LocalDate cutoff) {
  Catalog catalog = app::demo_catalog(cutoff);
  std::vector<Staff> staff;
  for (int copy = 0; copy < copies; ++copy) {
    for (Staff s : catalog.staff) {
      s.id = copy_id(s.id, copy);
      for (auto& deputy : s.deputies) deputy = copy_id(deputy, copy);
      staff.push_back(std::move(s));
    }
  }
  catalog.staff = std::move(staff);
  for (auto& service : catalog.services) service.horizon_days = days + 14;
  return catalog;
}

// A deterministic stream of booking attempts spread over the 60 days, each placed by the planner
// itself, so the existing appointments form a valid plan like the one the server builds.
std::vector<Appointment> booked(const Catalog& catalog, const Planner& planner, LocalDate first, Instant now) {
  std::vector<Id> pool_services;
  for (const auto& s : catalog.services)
    if (s.routing == Routing::pool) pool_services.push_back(s.id);
  std::map<int, std::vector<Appointment>> by_day;
  std::size_t placed_count = 0;
  std::uint64_t state = 42;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  for (int attempt = 0; placed_count < wanted_appointments && attempt < 20 * static_cast<int>(wanted_appointments);
       ++attempt) {
    const int day = static_cast<int>(next(days));
    const LocalDate date = first + date::days{day};
    const Instant start = resolve(planner.zone(), at(date, LocalTime{static_cast<int>(8 * 60 + 15 * next(32))})).earliest;
    const Id& service = pool_services[next(pool_services.size())];
    auto& today = by_day[day];
    const auto placed = planner.place(today, service, start, now, {});
    if (!placed) continue;
    for (const auto& move : placed->moves) {
      for (auto& a : today)
        if (a.id == move.appointment_id) a.staff_id = move.to_staff;
    }
    Appointment a;
    a.id = "bench-" + std::to_string(placed_count++);
    a.code = a.id;
    a.location_id = planner.location().id;
    a.service_id = service;
    a.staff_id = placed->staff_id;
    a.start = start;
    a.end = start + std::chrono::minutes{catalog.service(service)->duration_minutes};
    a.status = AppointmentStatus::booked;
    today.push_back(a);
  }
  // Collected per day only now: moves changed the staff of earlier appointments of that day.
  std::vector<Appointment> all;
  for (auto& [day, list] : by_day) all.insert(all.end(), list.begin(), list.end());
  if (all.size() < wanted_appointments) throw std::runtime_error("could not place 10,000 appointments");
  return all;
}

// held_back_minutes: the emergency reserve per day; the appointments are booked without it, as if
// it had been configured after they were made.
void sixty_days(benchmark::State& state, int held_back_minutes) {
  const LocalDate first = *parse_date("2027-03-08");
  const Instant now = *parse_rfc3339("2027-03-08T07:00:00+01:00");
  const Catalog catalog = large_office(*parse_date("2027-03-15"));
  const auto appointments = booked(catalog, Planner(catalog, "mainz"), first, now);
  const Planner planner(catalog, "mainz", held_back_minutes);
  const SlotQuery query{service_id, first, first + date::days{days - 1}, now, {}};

  // What the answer is, once: bench/run prints it, so a speed-up that changed an answer shows.
  std::uint64_t checksum = 1469598103934665603ULL;
  int capacity_sum = 0;
  for (const auto& day : planner.free_slots(appointments, query)) {
    for (const auto& slot : day.slots) {
      capacity_sum += slot.capacity;
      for (std::uint64_t v : {static_cast<std::uint64_t>(slot.start.time_since_epoch().count()),
                              static_cast<std::uint64_t>(slot.capacity)})
        checksum = (checksum ^ v) * 1099511628211ULL;
    }
  }
  std::fprintf(stderr, "answer: %d bookable capacity in total, checksum %016llx\n", capacity_sum,
               static_cast<unsigned long long>(checksum));

  std::size_t slots = 0;
  for (auto _ : state) {
    const auto answer = planner.free_slots(appointments, query);
    benchmark::DoNotOptimize(answer.data());
    slots = 0;
    for (const auto& day : answer) slots += day.slots.size();
  }
  state.counters["staff"] = static_cast<double>(catalog.staff.size());
  state.counters["appointments"] = static_cast<double>(appointments.size());
  state.counters["free_starts"] = static_cast<double>(slots);
}

void AvailabilitySixtyDaysFourHundredStaff(benchmark::State& state) { sixty_days(state, 0); }
BENCHMARK(AvailabilitySixtyDaysFourHundredStaff)->Unit(benchmark::kMillisecond);
// With the demo's emergency reserve of 75 minutes per day (docs/kiosk.md).
void AvailabilityWithEmergencyReserve(benchmark::State& state) { sixty_days(state, 75); }
BENCHMARK(AvailabilityWithEmergencyReserve)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
