// The amtstermin command line: parses the sub-commands and their options, loads the configuration
// and runs one command from src/cli/ (serve, migrate, seed-demo, create-admin, create-staff,
// staff-routes, kiosk-key, import-staff, ticket).
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "config.hpp"

using namespace amt;
using namespace amt::cli;

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
  std::string staff_member;
  staff_cmd->add_option("--staff", staff_member, "Staff member id the account belongs to (their room, own day, own absences)");
  bool cheap_hash = false;
  staff_cmd->add_flag("--cheap-hash-for-tests", cheap_hash,
                      "Hash at argon2id's minimum cost: only for throw-away test accounts, never for real ones");
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
  ticket_cmd->add_flag("--finish-current", ticket.finish_current,
                      "call-next: first finish the visitor this staff member still has (one at a time per desk)");
  CLI11_PARSE(cli, argc, argv);

  try {
    const Config config = load_config(config_file, environment());
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    if (serve_cmd->parsed()) return serve(config);
    if (seed_cmd->parsed()) return seed_demo(config, if_empty);
    if (admin_cmd->parsed()) return create_staff(config, admin_login, admin_name, {Role::admin}, "", "", false);
    if (staff_cmd->parsed()) {
      const auto roles = role_set_from_string(staff_roles);
      if (!roles) {
        std::cerr << "--role: unknown role in '" << staff_roles << "'\n";
        return 2;
      }
      return create_staff(config, staff_login, staff_name, *roles, staff_location, staff_member, cheap_hash);
    }
    if (routes_cmd->parsed()) return staff_routes(config);
    if (kiosk_cmd->parsed())
      return kiosk_key(config, kiosk_add->parsed() ? "add" : kiosk_list->parsed() ? "list" : "revoke", kiosk_args);
    if (import_cmd->parsed()) return import_staff(config, import_file, dry_run, reassign);
    if (ticket_cmd->parsed()) return ticket_command(config, ticket);
    if (migrate_cmd->parsed()) return migrate(config);
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
