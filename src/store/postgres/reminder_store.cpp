// PgStore and PgWriteTx: appointment reminders (issue #8 item 1). The selection is one statement on
// a pooled connection; claims and opt-outs run inside the caller's transaction.
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/reminder_rows.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {

bool PgWriteTx::claim_reminder(const ReminderClaim& claim) { return postgres::claim_reminder(c_, claim); }

bool PgWriteTx::opt_out_of_reminders(const Id& appointment_id, std::string_view channel, Instant at) {
  return postgres::opt_out_of_reminders(c_, appointment_id, channel, at);
}

std::vector<std::string> PgWriteTx::reminder_opt_outs(const Id& appointment_id) {
  return postgres::reminder_opt_outs(c_, appointment_id);
}

std::vector<Appointment> PgStore::reminder_candidates(std::string_view channel, Instant after, Instant until,
                                                      int limit) {
  auto c = pool_.acquire();
  return postgres::reminder_candidates(*c, channel, after, until, limit);
}

}  // namespace amt::store::postgres
