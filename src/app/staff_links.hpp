// Linking a staff account (its sign-in) to the staff member it belongs to (the caseworker in the
// plans), from the admin pages (issue #4 item 4); `amtstermin create-staff --staff` sets it at creation.
#pragma once

#include <string>

#include "app/administration.hpp"
#include "core/staff_account.hpp"

namespace amt::app {

// Links the account to staff_id, or unlinks it (staff_id ""), in one audited write. Linking also
// moves the account to the staff member's location, since whose bookings a caseworker may see
// follows it. Errors: not_found (unknown account); field "staff_id" with code "unknown" (no such
// active staff member) or "linked_elsewhere" (another account has it; Error::detail is that
// account's login). Linking an account to the member it has already changes nothing.
Result<StaffAccount> link_staff_account(store::Store& store, const AdminActor& actor, const Id& account_id,
                                        const Id& staff_id, Instant now);

}  // namespace amt::app
