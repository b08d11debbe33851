// Commands for the floor on site (issue #5): kiosk-key and ticket.
#include <iostream>

#include "app/kiosk_keys.hpp"
#include "cli/commands.hpp"
#include "cli/settings.hpp"
#include "store/store.hpp"

namespace amt::cli {

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

int ticket_command(const Config& config, const web::TicketCommand& command) {
  auto store = store::open_store(config.database.url);
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  return web::run_ticket_command(command, *store, catalogs, make_clock(config), std::cout, std::cerr);
}

}  // namespace amt::cli
