// Appointment reminders (issue #8 item 1) on one SQLite connection: the due-window selection, the
// claim that keeps a reminder to one, and the citizens' opt-outs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

std::vector<Appointment> reminder_candidates(Connection& c, std::string_view channel, Instant after, Instant until,
                                             int limit);
bool claim_reminder(Connection& c, const ReminderClaim& claim);
bool opt_out_of_reminders(Connection& c, const Id& appointment_id, std::string_view channel, Instant at);
std::vector<std::string> reminder_opt_outs(Connection& c, const Id& appointment_id);

}  // namespace amt::store::sqlite
