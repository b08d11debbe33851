// Commands for staff accounts: create-admin, create-staff, staff-routes.
#include <iostream>

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include "app/booking.hpp"
#include "app/secrets.hpp"
#include "app/staff_accounts.hpp"
#include "cli/commands.hpp"
#include "cli/settings.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"
#include "web/staff/staff_area.hpp"

namespace amt::cli {

namespace {

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

}  // namespace

int create_staff(const Config& config, const std::string& login, const std::string& name, RoleSet roles,
                 const std::string& location, const std::string& staff_id, bool cheap_hash) {
  auto store = store::open_store(config.database.url);
  store->migrate();
  if (!staff_id.empty() && store->load_catalog().staff_member(staff_id) == nullptr) {
    std::cerr << "--staff: there is no staff member '" << staff_id << "'\n";
    return 2;
  }
  const std::string password = read_password("Password (at least 12 characters): ");
  if (isatty(STDIN_FILENO) && read_password("Repeat the password: ") != password) {
    std::cerr << "the passwords differ; nothing created\n";
    return 2;
  }
  if (cheap_hash) spdlog::warn("'{}' gets a password hash at the minimum cost: for tests only", login);
  const auto cost = cheap_hash ? app::PasswordCost::cheapest_for_tests() : app::PasswordCost::standard();
  const auto created = app::create_staff_account(*store, {login, name, roles, staff_id, location}, password,
                                                 make_clock(config).now(), "command line", cost);
  if (!created) {
    for (const auto& f : created.error().fields) std::cerr << f.field << ": " << f.message << "\n";
    return 2;
  }
  spdlog::info("created staff account '{}' ({})", created->login, to_string(created->roles));
  return 0;
}

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

}  // namespace amt::cli
