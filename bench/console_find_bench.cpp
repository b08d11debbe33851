// The service center's find over 100,000 appointments in a SQLite file (issue #4 item 3): one
// caller's bookings by code, phone number, customer number, a rare part of a name (one booking) and
// a common surname (2,500 bookings, of which the earliest 50 are shown), each answered from the
// indexes of migration 017; and for comparison the way the console found them before: reading a
// year of the location's appointments and filtering them in memory.
// Run: build/release/bench/console_find_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <array>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "app/demo_data.hpp"
#include "core/search_keys.hpp"
#include "core/text.hpp"
#include "store/store.hpp"

namespace {

using namespace amt;
namespace fs = std::filesystem;

constexpr int kAppointments = 100000;
const LocalDate kFirstDay{date::year{2027} / 3 / 15};
const Instant kNow = Instant{date::sys_days{kFirstDay.time_since_epoch()}} - std::chrono::days{1};
constexpr std::array<const char*, 8> kFirstNames = {"Erika", "Hans", "Olga", "Mehmet", "Anna", "Jürgen", "Leyla", "Paul"};
constexpr std::array<const char*, 40> kSurnames = {
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber"};

// Four letters that tell the bookings apart within one surname ("baaa", "caaa", ...).
std::string tag(int n) {
  std::string t;
  for (int i = 0; i < 4; ++i, n /= 26) t += static_cast<char>('a' + n % 26);
  return t;
}

Appointment find_bench_appointment(int n) {
  Appointment a;
  a.id = "f" + std::to_string(n);
  a.code = "F" + std::to_string(100000 + n);
  a.location_id = "mainz";
  a.service_id = "first-application";
  a.start = Instant{date::sys_days{(kFirstDay + date::days{n % 300}).time_since_epoch()}} + std::chrono::hours{7} +
            std::chrono::minutes{15 * ((n / 300) % 40)};
  a.end = a.start + Minutes{15};
  a.channel = Channel::phone;
  a.manage_token_hash = "hash-" + a.id;
  a.contact = {std::string(kFirstNames[n % 8]) + " " + kSurnames[n % 40] + "-" + tag(n), "",
               "+49151" + std::to_string(1000000 + n)};
  a.customer_number = std::to_string(100000 + n) + "D" + std::to_string(n % 10);
  a.language = "de";
  a.created_at = kNow;
  return a;
}

store::Store& seeded_store() {
  static const std::unique_ptr<store::Store> store = [] {
    const fs::path file = fs::temp_directory_path() / "amtstermin-find-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    auto s = store::open_store("sqlite:" + file.string());
    s->migrate();
    s->replace_catalog(app::demo_catalog(kFirstDay));
    for (int from = 0; from < kAppointments; from += 5000)
      s->write([&](store::WriteTx& tx) {
        for (int n = from; n < from + 5000; ++n) tx.insert_appointment(find_bench_appointment(n));
      });
    return s;
  }();
  return *store;
}

// What the agent typed, for each kind: 0 code, 1 phone, 2 customer number, 3 rare name part, 4 surname.
store::AppointmentSearch typed(int kind) {
  const int n = 77777;
  store::AppointmentSearch s;
  if (kind == 0) s.code = "F" + std::to_string(100000 + n);
  if (kind == 1) s.phone_key = phone_search_key("01511077777");
  if (kind == 2) s.customer_key = ascii_lower(find_bench_appointment(n).customer_number);
  if (kind == 3) s.name_part = kSurnames[n % 40] + std::string("-") + tag(n);
  if (kind == 4) s.name_part = "hoffmann";
  s.name_part = ascii_lower(s.name_part);
  s.location_ids = {"mainz"};
  s.from = kNow - std::chrono::days{7};
  s.to = kNow + std::chrono::days{366};
  return s;
}

void BM_FindByIndex(benchmark::State& state) {
  store::Store& store = seeded_store();
  const auto search = typed(static_cast<int>(state.range(0)));
  std::size_t found = 0;
  for (auto _ : state) found = store.find_appointments(search).size();
  if (found == 0) throw std::logic_error("the bench search found nothing");
  state.counters["found"] = static_cast<double>(found);
}

// Before migration 017: every appointment of the year read, the name compared in memory.
void BM_FindByScanningTheYear(benchmark::State& state) {
  store::Store& store = seeded_store();
  const auto search = typed(3);
  std::size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const Appointment& a : store.appointments("mainz", search.from, search.to))
      if (ascii_lower(a.contact.name).find(search.name_part) != std::string::npos) ++found;
  }
  if (found == 0) throw std::logic_error("the bench scan found nothing");
  state.counters["found"] = static_cast<double>(found);
}

BENCHMARK(BM_FindByIndex)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FindByScanningTheYear)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
