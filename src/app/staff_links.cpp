// Linking and unlinking staff accounts: one staff member has at most one account. The check and the
// change are one write; on PostgreSQL load_catalog() makes catalog writers take turns, so two admins
// linking two accounts to one person at once cannot both pass the check.
#include "app/staff_links.hpp"

namespace amt::app {
namespace {

std::string link_detail(const StaffAccount& before, const StaffAccount& after) {
  const auto shown = [](const Id& id) { return id.empty() ? std::string("none") : id; };
  return "staff member " + shown(before.staff_id) + " -> " + shown(after.staff_id) + ", location " +
         shown(before.location_id) + " -> " + shown(after.location_id);
}

}  // namespace

Result<StaffAccount> link_staff_account(store::Store& store, const AdminActor& actor, const Id& account_id,
                                        const Id& staff_id, Instant now) {
  Result<StaffAccount> result = fail(ErrorKind::not_found, "No such staff account.");
  store.write([&](store::WriteTx& tx) {
    result = fail(ErrorKind::not_found, "No such staff account.");
    const Catalog catalog = tx.load_catalog();
    auto account = tx.staff_account_by_id(account_id);
    if (!account) return;
    const Staff* member = staff_id.empty() ? nullptr : catalog.staff_member(staff_id);
    if (!staff_id.empty() && (!member || !member->active)) {
      result = invalid({{"staff_id", "unknown", "Choose an active staff member."}});
      return;
    }
    for (const StaffAccount& other : tx.staff_accounts()) {
      if (staff_id.empty() || other.staff_id != staff_id || other.id == account->id) continue;
      result = fail(ErrorKind::validation, other.login,
                    {{"staff_id", "linked_elsewhere",
                      "This staff member is already linked to the account " + other.login + "."}});
      return;
    }
    if (account->staff_id == staff_id) {
      result = *account;
      return;
    }
    const StaffAccount before = *account;
    account->staff_id = staff_id;
    if (member) account->location_id = member->location_id;
    tx.update_staff_account(*account);
    tx.append_audit({0, now, actor.account_id, actor.login,
                     staff_id.empty() ? "staff_account.unlink" : "staff_account.link", "staff_account",
                     account->id, link_detail(before, *account)});
    result = *account;
  });
  return result;
}

}  // namespace amt::app
