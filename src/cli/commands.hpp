// The sub-commands of `amtstermin` (main.cpp parses the command line and calls one of these).
// Each returns the process's exit status: 0 done, 2 refused input, 1 failure (thrown).
#pragma once

#include <string>

#include "config.hpp"
#include "core/roles.hpp"
#include "web/display/ticket_command.hpp"

namespace amt::cli {

int serve(const Config& config);
int migrate(const Config& config);
int seed_demo(const Config& config, bool if_empty);

// A staff account (the first admin, or test and demo accounts); there is never a default password:
// it is prompted without echo, or read from stdin when that is not a terminal. staff_id links the
// account to the staff member it is (their room for the desk, their own absences, their day).
// cheap_hash: argon2id at its minimum cost, so the integration tests' many sign-ins do not spend
// half of their CPU in the password hash; never for a real account.
int create_staff(const Config& config, const std::string& login, const std::string& name, RoleSet roles,
                 const std::string& location, const std::string& staff_id, bool cheap_hash);
// Prints the staff route table (method, path, permission, roles) as `serve` registers it.
int staff_routes(const Config& config);
// Staff and working plans from a CSV file (docs/administration.md), audited as the command line.
int import_staff(const Config& config, const std::string& file, bool dry_run, bool reassign);

// Kiosk boards (issue #5): issue ("add"), "list" and "revoke" device keys. A key is printed once.
struct KioskKeyCommand {
  std::string location;
  std::string name;
  std::string id;
};
int kiosk_key(const Config& config, const std::string& action, const KioskKeyCommand& args);

// `amtstermin ticket ...` (see web/display/ticket_command.hpp).
int ticket_command(const Config& config, const web::TicketCommand& command);

}  // namespace amt::cli
