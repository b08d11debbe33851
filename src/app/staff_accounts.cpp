// Validation, hashing and insertion of a new staff account, with its audit entry.
#include "app/staff_accounts.hpp"

#include <algorithm>
#include <cctype>

#include "app/secrets.hpp"

namespace amt::app {

bool is_valid_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) return false;
  return std::all_of(login.begin(), login.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@';
  });
}

tl::unexpected<Error> account_refused(store::WriteTx& tx, store::AccountWrite why,
                                      const StaffAccount& account) {
  if (why == store::AccountWrite::login_taken)
    return invalid({{"login", "taken", "this login is already in use"}});
  std::string holder;
  for (const StaffAccount& other : tx.staff_accounts())
    if (other.staff_id == account.staff_id && other.id != account.id) holder = other.login;
  return fail(ErrorKind::validation, holder,
              {{"staff_id", "linked_elsewhere",
                "This staff member is already linked to the account " + holder + "."}});
}

Result<StaffAccount> create_staff_account(store::Store& store, const NewStaffAccount& draft,
                                          std::string_view password, Instant now, std::string_view actor,
                                          PasswordCost cost) {
  std::vector<FieldError> errors;
  if (!is_valid_login(draft.login))
    errors.push_back({"login", "invalid", "3 to 64 letters, digits or . _ - @"});
  if (draft.display_name.empty()) errors.push_back({"display_name", "required", "a name is required"});
  if (draft.display_name.size() > 120) errors.push_back({"display_name", "too_long", "at most 120 characters"});
  if (draft.roles.empty()) errors.push_back({"roles", "required", "at least one role"});
  if (const auto problem = password_problem(password, draft.login)) errors.push_back({"password", "weak", *problem});
  if (!errors.empty()) return invalid(std::move(errors));

  StaffAccount account{"acct-" + random_nonce(), draft.login, draft.display_name, draft.staff_id,
                       draft.location_id, draft.roles, hash_password(password, cost), true, now};
  Result<StaffAccount> result = account;
  store.write([&](store::WriteTx& tx) {
    result = account;
    if (const auto written = tx.insert_staff_account(account); written != store::AccountWrite::written) {
      result = account_refused(tx, written, account);
      return;
    }
    tx.append_audit({0, now, "", std::string(actor), "staff_account.create", "staff_account", account.id,
                     "login " + account.login + ", roles " + to_string(account.roles)});
  });
  return result;
}

}  // namespace amt::app
