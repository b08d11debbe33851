// The messages amtstermin sent or is sending a citizen about one booking (e-mail and SMS, from the
// outbox) as rows for a staff page: what, to whom, and its delivery state (queued, sent, failed
// with the last error, attempts). Shown on the console's booking page (issue #8 item 2).
#pragma once

#include <vector>

#include "store/store.hpp"
#include "web/staff/staff_page.hpp"

namespace amt::web::staff {

// One item per message, oldest first: channel, what, recipient, state, state_class, has_error, error,
// attempts, at (sent or created, local), at_utc.
List message_rows(const StaffPage& page, Zone zone, const std::vector<store::OutboxMessage>& messages);

}  // namespace amt::web::staff
