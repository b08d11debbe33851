// In-process cost of the citizen's time choice page (/book/{service}/time?date=): routing, the
// free times of one day from the SQLite store, the translated template and the layout. Target:
// median at most 1 ms (issue #3). The demo office with 40 bookings already on that day.
// Run: build/release/bench/time_page_bench --benchmark_repetitions=10
#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

#include "app/demo_data.hpp"
#include "app/secrets.hpp"
#include "http/csrf.hpp"
#include "web/routes.hpp"

namespace {

using namespace amt;

constexpr const char* day = "2027-03-16";

struct Site {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("amt-time-page-bench-" + app::random_nonce().substr(0, 12));
  std::unique_ptr<store::Store> store;
  app::Clock clock{*parse_rfc3339("2027-03-08T07:00:00Z")};
  std::unique_ptr<app::CatalogHolder> catalogs;
  std::unique_ptr<app::Bookings> bookings;
  http::StaticFiles files;
  web::Templates templates{web::Templates::builtin_sources(), app::Translations::builtin()};
  http::Csrf csrf{"bench-csrf-secret"};
  std::unique_ptr<web::CitizenContext> citizen;
  http::Router router;

  Site() {
    std::filesystem::create_directories(dir);
    store = store::open_store("sqlite:" + (dir / "bench.db").string());
    store->migrate();
    store->replace_catalog(app::demo_catalog(*parse_date("2027-03-15")));
    catalogs = std::make_unique<app::CatalogHolder>(*store);
    bookings = std::make_unique<app::Bookings>(*store, *catalogs, clock,
                                               app::BookingPolicy{100, 62, "bench-secret", "http://localhost"});
    book_some();
    web::add_builtin_static_files(files);
    citizen = std::make_unique<web::CitizenContext>(web::CitizenContext{
        *bookings, *catalogs, {app::Translations::builtin(), templates, csrf, files, nullptr}});
    web::add_citizen_routes(router, *citizen);
  }
  ~Site() { std::filesystem::remove_all(dir); }

  // Spreads 40 bookings over the day's free times, so the page shows a partly booked day.
  void book_some() {
    for (int i = 0; i < 40; ++i) {
      const auto free = bookings->availability({"mainz", "continued-benefits", day, day, ""});
      if (!free || free->days.empty() || free->days.front().slots.empty()) break;
      const auto& slots = free->days.front().slots;
      app::BookingRequest r;
      r.location_id = "mainz";
      r.service_id = "continued-benefits";
      r.start = format_rfc3339(slots[static_cast<std::size_t>(i * 7) % slots.size()].start, zone("Europe/Berlin"));
      r.contact = {"Bench " + std::to_string(i), "bench" + std::to_string(i) + "@example.org", ""};
      if (!bookings->book(r)) throw std::runtime_error("bench: booking failed");
    }
  }
};

void TimeChoicePage(benchmark::State& state) {
  Site site;
  std::size_t bytes = 0;
  for (auto _ : state) {
    http::Request request;
    request.method = "GET";
    request.target = std::string("/book/continued-benefits/time?date=") + day;
    request.path = "/book/continued-benefits/time";
    request.query = {{"date", day}};
    request.headers = {{"accept-language", "de-DE,de;q=0.9"}};
    const http::Response response = site.router.dispatch(request);
    if (response.status != 200) throw std::runtime_error("bench: the time page answered " + std::to_string(response.status));
    bytes = response.body.size();
    benchmark::DoNotOptimize(response.body.data());
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(TimeChoicePage)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
