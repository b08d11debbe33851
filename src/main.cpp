// The amtstermin command line: serve, migrate, seed-demo, create-admin, create-staff, staff-routes,
// kiosk-key, import-staff, ticket.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "api/routes.hpp"
#include "app/booking.hpp"
#include "app/clock.hpp"
#include "app/demo_data.hpp"
#include "app/documents.hpp"
#include "app/kiosk_keys.hpp"
#include "app/mail_worker.hpp"
#include "app/secrets.hpp"
#include "app/staff_accounts.hpp"
#include "app/staff_import.hpp"
#include "config.hpp"
#include "http/server.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"
#include "web/staff/staff_area.hpp"
#include "web/kiosk/kiosk.hpp"
#include "web/display/display_routes.hpp"
#include "web/display/ticket_command.hpp"

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

// Uploaded files live outside any web root: by default in "uploads" next to the SQLite file.
app::UploadSettings upload_settings(const Config& config) {
  std::filesystem::path dir = config.upload.dir;
  if (dir.empty()) {
    const std::string& url = config.database.url;
    if (!url.starts_with("sqlite:")) throw std::runtime_error("upload.dir (AMTSTERMIN_UPLOAD_DIR) is required with " + url);
    dir = std::filesystem::path(url.substr(7)).parent_path() / "uploads";
  }
  return {dir, static_cast<std::size_t>(config.upload.max_kb) * 1024, config.upload.max_files};
}

// Without an SMTP server configured, confirmation mails are queued and wait for one.
std::unique_ptr<app::MailWorker> start_mail_worker(const Config& config, store::Store& store, const app::Clock& clock) {
  const auto& m = config.mail;
  if (m.smtp_url.empty()) {
    spdlog::warn("mail delivery is off (mail.smtp_url is empty); mails stay queued in the outbox");
    return nullptr;
  }
  app::MailSettings settings{m.smtp_url, m.from, m.username, m.password, m.starttls, m.timeout_seconds,
                             std::chrono::milliseconds{m.poll_ms}};
  app::RetryPolicy retry{std::chrono::seconds{m.retry_base_seconds}, std::chrono::seconds{m.retry_max_seconds},
                         m.max_attempts};
  spdlog::info("mail delivery through {}", m.smtp_url);
  return std::make_unique<app::MailWorker>(store, clock, settings, retry, app::random_unit);
}

// Staff sign-in policy and cookie flag from [staff] (issue #4).
web::staff::StaffSettings staff_settings(const Config& config) {
  web::staff::StaffSettings s;
  s.policy.slow_after = config.staff.slow_after;
  s.policy.lock_after = config.staff.lock_after;
  s.policy.lock_for = std::chrono::minutes{config.staff.lock_minutes};
  s.policy.window = std::chrono::minutes{config.staff.lock_minutes};
  s.policy.idle_timeout = std::chrono::minutes{config.staff.idle_minutes};
  s.policy.absolute_timeout = std::chrono::hours{config.staff.absolute_hours};
  s.secure_cookies = config.staff.secure_cookies;
  s.public_url = config.mail.public_url;
  s.precheck.reminder_working_days = config.documents.reminder_working_days;
  return s;
}

int serve(const Config& config) {
  auto store = store::open_store(config.database.url, {config.database.pool_size});
  store->migrate();
  if (!store->has_catalog()) spdlog::warn("the database has no locations yet; run 'amtstermin seed-demo'");
  if (!config.altcha.enabled) spdlog::warn("proof of work on public booking is switched off (altcha.enabled)");
  const app::Clock clock = make_clock(config);
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  const std::string secret = manage_token_secret(config);
  // Anti-bot proof and rate limits on public booking (issue #3, item 6).
  const app::ProofOfWork proof_of_work({app::sha256_hex("altcha:" + secret), config.altcha.max_number,
                                        std::chrono::minutes{config.altcha.validity_minutes},
                                        std::chrono::seconds{config.altcha.fallback_wait_seconds}},
                                       clock);
  const app::ProofOfWork* proof = config.altcha.enabled ? &proof_of_work : nullptr;
  http::BookingRateLimits booking_limits(config.rate_limit.booking_per_ip, config.rate_limit.booking_per_contact,
                                         std::chrono::minutes{config.rate_limit.window_minutes});
  app::Bookings bookings(*store, catalogs, clock,
                         {config.booking.max_active_per_contact, config.booking.max_query_days, secret,
                          config.mail.public_url, proof});
  std::unique_ptr<app::MailWorker> mail_worker = start_mail_worker(config, *store, clock);

  http::Metrics metrics;
  http::Router router;
  app::Documents documents(*store, catalogs, bookings, clock, upload_settings(config));
  api::ApiContext context{bookings, catalogs, *store, metrics, &documents, &proof_of_work, &booking_limits};
  api::add_routes(router, context);
  // Citizen web pages: templates and catalogs are compiled in; the CSRF key derives from the secret.
  http::StaticFiles static_files;
  web::add_builtin_static_files(static_files);
  const web::Templates templates(web::Templates::builtin_sources(), app::Translations::builtin());
  const http::Csrf csrf(app::sha256_hex("csrf:" + secret));
  app::NewsBoard news(*store, clock);  // issue #8: /news, /news.atom, /api/v1/news, the pinned banner
  api::add_news_routes(router, news);
  web::CitizenContext citizen{bookings,
                              catalogs,
                              {app::Translations::builtin(), templates, csrf, static_files, &news},
                              proof,
                              &booking_limits,
                              &documents};
  web::add_citizen_routes(router, citizen);
  web::staff::StaffSettings staff_setup = staff_settings(config);
  staff_setup.precheck.upload_dir = upload_settings(config).dir;  // the pre-check shows the uploads
  web::staff::StaffArea staff(*store, clock, csrf, static_files, router, staff_setup, &bookings, &catalogs);
  // The deadline reminder about missing documents (issue #7) rides on the mail worker's loop,
  // at most once a minute; the outbox's dedupe key keeps it to one reminder per appointment.
  if (mail_worker) mail_worker->each_pass([reviews = staff.reviews(), &clock, last = Instant{}]() mutable {
    if (clock.now() - last < std::chrono::minutes(1)) return;
    last = clock.now();
    reviews->send_reminders();
  });
  // The hook uses the staff area: the worker stops before the staff area goes, on every way out.
  struct StopFirst {
    app::MailWorker* worker;
    ~StopFirst() {
      if (worker) worker->stop();
    }
  } stop_first{mail_worker.get()};
  // Kiosk boards in the entrance hall (issue #5): check-in, emergency and walk-in tickets.
  app::Tickets tickets(*store, catalogs, clock);
  web::kiosk::KioskContext kiosk{tickets, catalogs, *store, templates, app::Translations::builtin(), static_files,
                                 {config.kiosk.idle_seconds, config.kiosk.health_poll_seconds,
                                  config.kiosk.emergency_situations, config.mail.public_url},
                                 &bookings};
  web::kiosk::add_kiosk_routes(router, kiosk);
  // Call display (issue #5): server-sent events from the call feed to /display/{location}.
  http::EventHub event_hub({static_cast<std::size_t>(std::max(1, config.http.max_event_streams)),
                            std::chrono::seconds{std::max(1, config.http.event_heartbeat_seconds)}});
  app::CallFeed call_feed(*store, catalogs, clock, web::publish_to(event_hub), web::audience_of(event_hub));
  web::DisplayContext display{call_feed, event_hub, catalogs, citizen.site};
  web::add_display_routes(router, display);

  http::ServerOptions options;
  options.listen = config.http.listen;
  options.io_threads = config.http.io_threads;
  options.worker_threads = config.http.worker_threads;
  options.max_body_bytes = static_cast<std::size_t>(config.http.max_body_kb) * 1024;
  // Only document uploads may send more: one file, plus a little so that a file just over the limit
  // still reaches the handler and gets its clear 413 problem answer.
  options.large_body_bytes = static_cast<std::size_t>(config.upload.max_kb + 64) * 1024;
  options.allows_large_body = [](std::string_view method, std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    return method == "POST" && (path.starts_with("/api/v1/bookings/") || path.starts_with("/manage/")) &&
           path.ends_with("/documents");
  };
  options.read_timeout = std::chrono::seconds{config.http.read_timeout_seconds};
  options.idle_timeout = std::chrono::seconds{config.http.idle_timeout_seconds};
  options.access_log = config.http.access_log;
  http::Server server(options, router, metrics);
  spdlog::info("amtstermin {} listening on http://{} (port {})", AMT_VERSION, config.http.listen, server.port());
  server.run();
  call_feed.stop();  // nothing may reach the connections while the server tears them down
  event_hub.stop();
  if (mail_worker) mail_worker->stop();  // finishes the mail in flight; the rest stays queued
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

// `amtstermin ticket ...` (see web/display/ticket_command.hpp).
int ticket_command(const Config& config, const web::TicketCommand& command) {
  auto store = store::open_store(config.database.url);
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  return web::run_ticket_command(command, *store, catalogs, make_clock(config), std::cout, std::cerr);
}

// One line from the terminal without echo, or from stdin when it is not a terminal (scripts).
std::string read_password(const char* prompt) {
  std::string line;
  if (!isatty(STDIN_FILENO)) {
    std::getline(std::cin, line);
    return line;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::cerr << prompt << std::flush;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

// A staff account (the first admin, or test and demo accounts); there is never a default password.
int create_staff(const Config& config, const std::string& login, const std::string& name, RoleSet roles,
                 const std::string& location, const std::string& staff_member = "") {
  auto store = store::open_store(config.database.url);
  store->migrate();
  const std::string password = read_password("Password (at least 12 characters): ");
  if (isatty(STDIN_FILENO) && read_password("Repeat the password: ") != password) {
    std::cerr << "the passwords differ; nothing created\n";
    return 2;
  }
  const auto created = app::create_staff_account(*store, {login, name, roles, staff_member, location}, password,
                                                 make_clock(config).now(), "command line");
  if (!created) {
    for (const auto& f : created.error().fields) std::cerr << f.field << ": " << f.message << "\n";
    return 2;
  }
  spdlog::info("created staff account '{}' ({})", created->login, to_string(created->roles));
  return 0;
}

// Prints the staff route table (method, path, permission, roles) as `serve` registers it.
int staff_routes(const Config& config) {
  spdlog::set_level(spdlog::level::err);  // stdout carries only the table
  auto store = store::open_store(config.database.url);
  store->migrate();
  const app::Clock clock;
  http::StaticFiles static_files;
  web::add_builtin_static_files(static_files);
  const http::Csrf csrf(app::random_nonce());  // never serves a request
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  app::Bookings bookings(*store, catalogs, clock, {});
  http::Router router;
  const web::staff::StaffArea staff(*store, clock, csrf, static_files, router, staff_settings(config), &bookings,
                                    &catalogs);
  std::cout << web::staff::describe(staff.routes().table());
  return 0;
}

// Kiosk boards (issue #5): issue, list and revoke device keys. The key is printed once.
struct KioskKeyCommand {
  std::string location;
  std::string name;
  std::string id;
};

int kiosk_key(const Config& config, const std::string& action, const KioskKeyCommand& args) {
  auto store = store::open_store(config.database.url);
  store->migrate();
  const Instant now = make_clock(config).now();
  if (action == "list") {
    std::cout << app::describe_kiosk_keys(store->kiosk_keys());
    return 0;
  }
  if (action == "revoke") {
    if (store->revoke_kiosk_key(args.id, now)) return 0;
    std::cerr << "no active kiosk key with id '" << args.id << "'\n";
    return 2;
  }
  const auto issued = app::issue_kiosk_key(*store, store->load_catalog(), args.location, args.name, now);
  if (!issued) {
    for (const auto& f : issued.error().fields) std::cerr << f.field << ": " << f.message << "\n";
    return 2;
  }
  std::cout << "id  " << issued->key.id << "\nkey " << issued->secret << "\n"
            << "Open the board once at " << config.mail.public_url << "/kiosk?key=" << issued->secret << "\n";
  return 0;
}

// Staff and working plans from a CSV file (docs/administration.md), audited as the command line.
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
  auto* admin_cmd = cli.add_subcommand("create-admin", "Create an admin account (password prompted or on stdin)");
  std::string admin_login = "admin";
  std::string admin_name = "Administrator";
  admin_cmd->add_option("--login", admin_login, "Login name (3-64 of a-z 0-9 . _ - @)");
  admin_cmd->add_option("--name", admin_name, "Display name");
  auto* staff_cmd = cli.add_subcommand("create-staff", "Create a staff account with roles (password prompted or on stdin)");
  std::string staff_login;
  std::string staff_name;
  std::string staff_roles;
  std::string staff_location;
  staff_cmd->add_option("--login", staff_login, "Login name (3-64 of a-z 0-9 . _ - @)")->required();
  staff_cmd->add_option("--name", staff_name, "Display name")->required();
  staff_cmd->add_option("--role", staff_roles, "Roles, comma-separated: agent, reception, caseworker, team_lead, admin")
      ->required();
  staff_cmd->add_option("--location", staff_location, "Location id the account belongs to (caseworker, reception)");
  std::string staff_member;  // issue #7: the day view shows this staff member's appointments
  staff_cmd->add_option("--staff", staff_member, "Staff member id the account belongs to (e.g. staff-01)");
  auto* routes_cmd = cli.add_subcommand("staff-routes", "List every staff route with the permission it requires");
  auto* kiosk_cmd = cli.add_subcommand("kiosk-key", "Issue, list or revoke kiosk board keys");
  kiosk_cmd->require_subcommand(1);
  KioskKeyCommand kiosk_args;
  auto* kiosk_add = kiosk_cmd->add_subcommand("add", "Issue a key for a board (printed once)");
  kiosk_add->add_option("--location", kiosk_args.location, "Location id")->required();
  kiosk_add->add_option("--name", kiosk_args.name, "Where the board stands")->required();
  auto* kiosk_list = kiosk_cmd->add_subcommand("list", "List keys (never the keys themselves)");
  auto* kiosk_revoke = kiosk_cmd->add_subcommand("revoke", "Revoke a key: its board shows nothing any more");
  kiosk_revoke->add_option("id", kiosk_args.id, "Key id from 'kiosk-key list'")->required();
  auto* import_cmd = cli.add_subcommand("import-staff", "Import staff and working plans from a CSV file");
  std::string import_file;
  bool dry_run = false;
  bool reassign = false;
  import_cmd->add_option("FILE", import_file, "CSV file (docs/administration.md)")->required()->check(CLI::ExistingFile);
  import_cmd->add_flag("--dry-run", dry_run, "Report every row that would be refused; write nothing");
  import_cmd->add_flag("--reassign", reassign, "Move (or cancel) appointments the import would orphan");
  auto* ticket_cmd = cli.add_subcommand("ticket", "Act on the waiting queue (emergency, check-in, call-next, recall)");
  web::TicketCommand ticket;
  ticket_cmd->add_option("action", ticket.action, "emergency | check-in | call-next | recall")
      ->required()
      ->check(CLI::IsMember({"emergency", "check-in", "call-next", "recall"}));
  ticket_cmd->add_option("--location", ticket.location_id, "Location id (emergency, check-in, call-next)");
  ticket_cmd->add_option("--staff", ticket.staff_id, "Acting staff member's id (call-next, recall)");
  ticket_cmd->add_option("--code", ticket.code, "Booking code (check-in)");
  ticket_cmd->add_option("--ticket", ticket.ticket_id, "Ticket id (recall)");
  ticket_cmd->add_flag("--reception", ticket.reception, "Act as the emergency desk (may call emergencies)");
  CLI11_PARSE(cli, argc, argv);

  try {
    const Config config = load_config(config_file, environment());
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    if (serve_cmd->parsed()) return serve(config);
    if (seed_cmd->parsed()) return seed_demo(config, if_empty);
    if (admin_cmd->parsed()) return create_staff(config, admin_login, admin_name, {Role::admin}, "");
    if (staff_cmd->parsed()) {
      const auto roles = role_set_from_string(staff_roles);
      if (!roles) {
        std::cerr << "--role: unknown role in '" << staff_roles << "'\n";
        return 2;
      }
      return create_staff(config, staff_login, staff_name, *roles, staff_location, staff_member);
    }
    if (routes_cmd->parsed()) return staff_routes(config);
    if (kiosk_cmd->parsed())
      return kiosk_key(config, kiosk_add->parsed() ? "add" : kiosk_list->parsed() ? "list" : "revoke", kiosk_args);
    if (import_cmd->parsed()) return import_staff(config, import_file, dry_run, reassign);
    if (ticket_cmd->parsed()) return ticket_command(config, ticket);
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
