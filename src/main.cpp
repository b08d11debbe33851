// The amtstermin command line: serve, migrate, seed-demo.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "api/routes.hpp"
#include "app/booking.hpp"
#include "app/clock.hpp"
#include "app/demo_data.hpp"
#include "app/secrets.hpp"
#include "config.hpp"
#include "http/server.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"

namespace {

using namespace amt;

// Without a configured secret, a random one is kept in a file next to the SQLite database, readable
// only by the server's user: manage tokens stay valid across restarts.
std::string manage_token_secret(const Config& config) {
  if (!config.security.secret.empty()) return config.security.secret;
  const std::string& url = config.database.url;
  if (!url.starts_with("sqlite:"))
    throw std::runtime_error("security.secret (AMTSTERMIN_SECURITY_SECRET) is required with " + url);
  const auto path = std::filesystem::path(url.substr(7)).replace_extension(".key");
  if (std::ifstream in{path}; in) {
    std::string secret;
    std::getline(in, secret);
    if (secret.size() >= 32) return secret;
  }
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  const std::string secret = app::random_nonce() + app::random_nonce();
  const mode_t old_mask = ::umask(077);
  std::ofstream out{path, std::ios::trunc};
  ::umask(old_mask);
  out << secret << '\n';
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return secret;
}

app::Clock make_clock(const Config& config) {
  if (config.clock.now.empty()) return app::Clock{};
  const auto start = parse_rfc3339(config.clock.now);
  if (!start) throw std::runtime_error("clock.now must be RFC 3339 with an offset: " + config.clock.now);
  spdlog::warn("THE CLOCK IS FIXED: 'now' starts at {} and runs forward from there (clock.now)",
               format_rfc3339_utc(*start));
  return app::Clock{*start};
}

int serve(const Config& config) {
  auto store = store::open_store(config.database.url, {config.database.pool_size});
  store->migrate();
  if (!store->has_catalog()) spdlog::warn("the database has no locations yet; run 'amtstermin seed-demo'");
  if (!config.altcha.enabled) spdlog::warn("proof of work on public booking is switched off (altcha.enabled)");
  const app::Clock clock = make_clock(config);
  app::CatalogHolder catalogs(*store);
  const std::string secret = manage_token_secret(config);
  app::Bookings bookings(*store, catalogs, clock,
                         {config.booking.max_active_per_contact, config.booking.max_query_days, secret});

  http::Metrics metrics;
  http::Router router;
  api::ApiContext context{bookings, catalogs, *store, metrics};
  api::add_routes(router, context);
  // Citizen web pages: templates and catalogs are compiled in; the CSRF key derives from the secret.
  http::StaticFiles static_files;
  web::add_builtin_static_files(static_files);
  const web::Templates templates(web::Templates::builtin_sources(), app::Translations::builtin());
  const http::Csrf csrf(app::sha256_hex("csrf:" + secret));
  app::NewsBoard news(*store, clock);  // issue #8: /news, /news.atom, /api/v1/news, the pinned banner
  api::add_news_routes(router, news);
  web::CitizenContext citizen{bookings, catalogs, {app::Translations::builtin(), templates, csrf, static_files, &news}};
  web::add_citizen_routes(router, citizen);

  http::ServerOptions options;
  options.listen = config.http.listen;
  options.io_threads = config.http.io_threads;
  options.worker_threads = config.http.worker_threads;
  options.max_body_bytes = static_cast<std::size_t>(config.http.max_body_kb) * 1024;
  options.read_timeout = std::chrono::seconds{config.http.read_timeout_seconds};
  options.idle_timeout = std::chrono::seconds{config.http.idle_timeout_seconds};
  options.access_log = config.http.access_log;
  http::Server server(options, router, metrics);
  spdlog::info("amtstermin {} listening on http://{} (port {})", AMT_VERSION, config.http.listen, server.port());
  server.run();
  spdlog::info("stopped cleanly");
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"amtstermin: appointments and visitor management for public offices"};
  cli.set_version_flag("--version", std::string("amtstermin ") + AMT_VERSION);
  std::optional<std::string> config_file;
  cli.add_option("--config", config_file, "TOML configuration file (environment AMTSTERMIN_* overrides it)")
      ->check(CLI::ExistingFile);
  cli.require_subcommand(1);
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web pages and the API");
  auto* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  auto* seed_cmd = cli.add_subcommand("seed-demo", "Load the demo office Jobcenter Mainz");
  bool if_empty = false;
  seed_cmd->add_flag("--if-empty", if_empty, "Only when the database has no locations yet");
  CLI11_PARSE(cli, argc, argv);

  try {
    const Config config = load_config(config_file, environment());
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    if (serve_cmd->parsed()) return serve(config);
    if (seed_cmd->parsed()) return seed_demo(config, if_empty);
    if (migrate_cmd->parsed()) {
      auto store = store::open_store(config.database.url);
      store->migrate();
      spdlog::info("schema at version {}", store->schema_version());
    }
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
