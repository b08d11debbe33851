// Linking and unlinking staff accounts: one staff member has at most one account, held by the
// database (migration 018), so two admins, or an admin and create-staff, on any servers, linking
// one person at once cannot both succeed; the refusal reads as create-staff's (account_refused).
#include "app/staff_links.hpp"

#include "app/staff_accounts.hpp"

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
    if (account->staff_id == staff_id) {
      result = *account;
      return;
    }
    const StaffAccount before = *account;
    account->staff_id = staff_id;
    if (member) account->location_id = member->location_id;
    if (const auto written = tx.update_staff_account(*account); written != store::AccountWrite::written) {
      result = account_refused(tx, written, *account);
      return;
    }
    tx.append_audit({0, now, actor.account_id, actor.login,
                     staff_id.empty() ? "staff_account.unlink" : "staff_account.link", "staff_account",
                     account->id, link_detail(before, *account)});
    result = *account;
  });
  return result;
}

}  // namespace amt::app
