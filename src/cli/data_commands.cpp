// Commands on the database itself: migrate, seed-demo, import-staff.
#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/demo_data.hpp"
#include "app/news.hpp"
#include "app/staff_import.hpp"
#include "cli/commands.hpp"
#include "cli/settings.hpp"
#include "store/store.hpp"

namespace amt::cli {

int migrate(const Config& config) {
  auto store = store::open_store(config.database.url);
  store->migrate();
  spdlog::info("schema at version {}", store->schema_version());
  return 0;
}

int seed_demo(const Config& config, bool if_empty) {
  auto store = store::open_store(config.database.url);
  store->migrate();
  if (if_empty && store->has_catalog()) {
    spdlog::info("the database already has data; nothing seeded");
    return 0;
  }
  const auto cutoff = parse_date(config.demo.terminpflicht_from);
  if (!cutoff) throw std::runtime_error("demo.terminpflicht_from must be a date like 2027-03-15");
  store->replace_catalog(app::demo_catalog(*cutoff));
  store->save_news(app::demo_terminpflicht_news(*cutoff, make_clock(config).now()));
  spdlog::info("seeded the demo office Jobcenter Mainz (Terminpflicht from {})", config.demo.terminpflicht_from);
  return 0;
}

int import_staff(const Config& config, const std::string& file, bool dry_run, bool reassign) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  const std::string csv{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto store = store::open_store(config.database.url);
  store->migrate();
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  const app::Clock clock = make_clock(config);
  app::AdminPolicy policy;
  policy.public_url = config.mail.public_url;
  app::Administration admin(*store, catalogs, clock, policy);
  const auto report = app::import_staff(admin, {"", "command line"}, csv, dry_run, reassign);
  if (!report) throw std::runtime_error(report.error().detail);
  std::cout << app::describe(*report, dry_run);
  return app::exit_status(*report);
}

}  // namespace amt::cli
