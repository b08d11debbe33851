// One appointment reminder run over 100,000 booked appointments in a SQLite file (issue #8 target:
// selects and queues what is due in at most 1 s). The appointments lie on 50 days from Monday
// 15 March 2027, 2,000 a day between 08:00 and 17:45; the run is at 16:30 that Monday, when the
// mails of the next 48 hours and the SMS up to Tuesday evening are due (every booking has an
// e-mail address, every second one a mobile number: about 4,000 mails and 1,100 SMS are due).
// Run: build/bench/bench/reminders_bench --benchmark_repetitions=5
// Each repetition copies the seeded file, so every run finds the same reminders due.
#include <benchmark/benchmark.h>

#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "app/booking.hpp"
#include "app/catalog_snapshot.hpp"
#include "app/demo_data.hpp"
#include "app/reminders.hpp"
#include "store/store.hpp"

namespace {

using namespace amt;
namespace fs = std::filesystem;

constexpr int kAppointments = 100000;
constexpr int kDays = 50;
const LocalDate kFirstDay{date::year{2027} / 3 / 15};  // a Monday

Instant local_instant(LocalDate day, int minute) {
  return resolve(zone("Europe/Berlin"), at(day, LocalTime{minute})).earliest;
}
const Instant kNow = local_instant(kFirstDay, 16 * 60 + 30);

Appointment bench_appointment(int n) {
  Appointment a;
  a.id = "r" + std::to_string(n);
  a.code = "B" + std::to_string(100000 + n);
  a.location_id = "mainz";
  a.service_id = "first-application";
  a.staff_id = "";
  a.start = local_instant(kFirstDay + date::days{n % kDays}, 8 * 60 + 15 * ((n / kDays) % 40));
  a.end = a.start + Minutes{45};
  a.channel = Channel::online;
  a.status = AppointmentStatus::booked;
  a.manage_token_hash = "hash-" + a.id;
  a.contact = {"Erika Mustermann", "erika." + std::to_string(n) + "@example.org",
               (n / kDays) % 2 == 0 ? "+49151" + std::to_string(1000000 + n) : ""};
  a.language = n % 3 == 0 ? "uk" : "de";
  a.created_at = kNow - std::chrono::days{30};
  return a;
}

// The seeded database, made once per process.
const fs::path& seeded_file() {
  static const fs::path path = [] {
    const fs::path file = fs::temp_directory_path() / "amtstermin-reminders-bench-seed.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    auto store = store::open_store("sqlite:" + file.string());
    store->migrate();
    store->replace_catalog(app::demo_catalog(kFirstDay));
    for (int from = 0; from < kAppointments; from += 5000)
      store->write([&](store::WriteTx& tx) {
        for (int n = from; n < from + 5000; ++n) tx.insert_appointment(bench_appointment(n));
      });
    return file;
  }();
  return path;
}

// CPU time of the whole process (the writer thread included), in milliseconds.
double process_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

void BM_ReminderRun(benchmark::State& state) {
  const fs::path copy = fs::temp_directory_path() / "amtstermin-reminders-bench-run.db";
  app::ReminderRun last;
  double cpu_ms = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(copy.string() + suffix);
    fs::copy_file(seeded_file(), copy);
    {
      auto store = store::open_store("sqlite:" + copy.string());
      app::CatalogHolder catalogs(*store);
      const app::Clock clock(kNow);
      app::Bookings bookings(*store, catalogs, clock, {3, 62, "bench-secret", "https://termine.example.org"});
      app::ReminderSettings settings;
      settings.batch = static_cast<int>(state.range(0));
      app::Reminders reminders(*store, catalogs, clock, bookings, settings);
      state.ResumeTiming();
      const double cpu_before = process_cpu_ms();
      last = reminders.run();
      cpu_ms = process_cpu_ms() - cpu_before;
      state.PauseTiming();
      if (last.queued == 0) throw std::logic_error("the bench run queued nothing");
    }
    state.ResumeTiming();
  }
  state.counters["queued"] = last.queued;
  state.counters["skipped"] = last.skipped;
  state.counters["process_cpu_ms"] = cpu_ms;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(copy.string() + suffix);
}

// The argument is how many reminders one write transaction takes (200 is the server's setting).
BENCHMARK(BM_ReminderRun)->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
