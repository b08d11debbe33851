// Staff accounts, their server-side sessions, sign-in throttling and the audit log, as plain values.
// Secrets never appear here in the clear: passwords as argon2id hashes, session tokens as SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/roles.hpp"

namespace amt {

struct StaffAccount {
  Id id;
  std::string login;         // unique, compared case-insensitively (ASCII letters, digits, . _ - @)
  std::string display_name;
  Id staff_id;               // the Staff member this account belongs to; "" when none (e.g. admins)
  Id location_id;            // "" when the account is not tied to one location
  RoleSet roles;
  std::string password_hash; // libsodium crypto_pwhash_str (argon2id), parameters inside the string
  bool active = true;
  Instant created_at{};
};

struct StaffSession {
  std::string token_hash;  // hex SHA-256 of the 256-bit random token held only by the browser
  Id account_id;
  Instant created_at{};    // for the absolute timeout
  Instant last_seen_at{};  // for the idle timeout
};

// Failed sign-ins for one login name (also for names that do not exist, so the answer does not
// tell which ones do). key is the hex SHA-256 of the lower-cased name: a password typed into the
// login field by mistake is not kept in the clear.
struct LoginThrottle {
  std::string key;
  int failures = 0;             // attempts counted within the current window
  Instant window_start{};
  Instant next_attempt_at{};    // slow-down: no attempt is checked before this
  Instant locked_until{};       // lock: no attempt is checked before this either
};

// Protokoll: one thing a signed-in person (or an anonymous sign-in attempt) did.
struct AuditEntry {
  std::int64_t id = 0;     // assigned by the store, increasing
  Instant at{};
  Id account_id;           // "" for an anonymous attempt
  std::string account_login;
  std::string action;      // e.g. "staff.sign_in", "appointment.read"
  std::string subject_type;  // e.g. "staff_account", "appointment"
  std::string subject_id;
  std::string detail;
};

struct AuditQuery {
  std::string subject_type;   // both subject fields or neither
  std::string subject_id;
  Id account_id;              // "" for any
  std::int64_t before_id = 0; // page backwards from here (exclusive); 0 for the newest
  int limit = 50;
  Instant from{};             // entries at or after from; Instant{} for no lower bound
  Instant to{};               // entries before to; Instant{} for no upper bound
};

}  // namespace amt
