// SqliteStore and SqliteWriteTx: appointment reminders (issue #8 item 1). The selection reads from
// the reader pool; claims and opt-outs happen inside the writer's transaction.
#include "store/sqlite/reminder_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

bool SqliteWriteTx::claim_reminder(const ReminderClaim& claim) { return sqlite::claim_reminder(c_, claim); }

bool SqliteWriteTx::opt_out_of_reminders(const Id& appointment_id, std::string_view channel, Instant at) {
  return sqlite::opt_out_of_reminders(c_, appointment_id, channel, at);
}

std::vector<std::string> SqliteWriteTx::reminder_opt_outs(const Id& appointment_id) {
  return sqlite::reminder_opt_outs(c_, appointment_id);
}

std::vector<Appointment> SqliteStore::reminder_candidates(std::string_view channel, Instant after, Instant until,
                                                          int limit) {
  auto lease = readers_.acquire();
  return sqlite::reminder_candidates(*lease, channel, after, until, limit);
}

}  // namespace amt::store::sqlite
