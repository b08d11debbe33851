// Creating staff accounts (first by `amtstermin create-admin`, later by the admin pages): the login
// and password rules in one place, the password hashed before it reaches the store.
#pragma once

#include <string>
#include <string_view>

#include "app/errors.hpp"
#include "app/password.hpp"
#include "core/staff_account.hpp"
#include "store/store.hpp"

namespace amt::app {

struct NewStaffAccount {
  std::string login;         // 3..64 of ASCII letters, digits, . _ - @
  std::string display_name;  // 1..120 characters
  RoleSet roles;
  Id staff_id;
  Id location_id;
};

bool is_valid_login(std::string_view login);

// What a user is told when the database refused to write `account` (store::AccountWrite), the
// same from create-staff and the admin pages: field login, code taken; or field staff_id, code
// linked_elsewhere, with Error::detail the login of the account that has the staff member, for
// the pages to name it. Reads that account inside tx.
tl::unexpected<Error> account_refused(store::WriteTx& tx, store::AccountWrite why,
                                      const StaffAccount& account);

// Field errors: login (invalid, taken), display_name (required, too_long), roles (required),
// password (weak, with the reason as message), staff_id (linked_elsewhere: another account has
// that staff member; one account per person, as on the admin pages). The creation is written to
// the audit log as done by `actor` ("" for the command line).
Result<StaffAccount> create_staff_account(store::Store& store, const NewStaffAccount& draft,
                                          std::string_view password, Instant now, std::string_view actor,
                                          PasswordCost cost = PasswordCost::standard());

}  // namespace amt::app
