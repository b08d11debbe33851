// Staff sign-in, server-side sessions and sign-out (issue #4): the use cases behind the sign-in
// page and every staff request. The caller runs sign_in off the HTTP I/O threads (argon2id).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "app/password.hpp"
#include "core/staff_account.hpp"
#include "store/store.hpp"

namespace amt::app {

struct SignInPolicy {
  int slow_after = 3;                             // failures before each attempt waits
  std::chrono::seconds max_delay{30};             // the wait doubles per failure up to this
  int lock_after = 10;                            // failures in one window that lock the login
  std::chrono::seconds lock_for{std::chrono::minutes(15)};
  std::chrono::seconds window{std::chrono::minutes(15)};  // failures older than this are forgotten
  std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
  std::chrono::seconds absolute_timeout{std::chrono::hours(10)};  // a working day
  std::chrono::seconds touch_every{std::chrono::minutes(1)};     // last_seen writes at most this often
};

enum class SignInOutcome { signed_in, wrong_credentials, too_soon, locked };

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::wrong_credentials;
  std::string token;                // the new session's token, for the cookie (signed_in only)
  std::optional<StaffAccount> account;
  Instant retry_at{};               // too_soon / locked: when the next attempt is checked
};

struct SignedInStaff {
  StaffAccount account;
  StaffSession session;
};

class StaffAuth {
 public:
  StaffAuth(store::Store& store, SignInPolicy policy = {}, PasswordCost decoy_cost = PasswordCost::standard());

  // Checks the password and, on success, opens a new session with a fresh token (never one the
  // browser brought along: no session fixation). Every outcome is written to the audit log.
  SignInResult sign_in(std::string_view login, std::string_view password, Instant now, std::string_view from);
  // The account behind a session token, if the session exists, is neither idle nor too old and
  // the account is active. Expired sessions are deleted on sight.
  std::optional<SignedInStaff> authenticate(std::string_view token, Instant now);
  void sign_out(std::string_view token, const StaffAccount& account, Instant now);
  int sign_out_everywhere(const StaffAccount& account, Instant now);  // returns sessions ended

  const SignInPolicy& policy() const { return policy_; }

 private:
  void record_failure(const std::string& key, const std::optional<StaffAccount>& account,
                      std::string_view login, Instant now, std::string_view from);

  store::Store& store_;
  SignInPolicy policy_;
  std::string decoy_hash_;
};

// The throttle key of a login name: SHA-256 of its lower-cased form.
std::string throttle_key(std::string_view login);

}  // namespace amt::app
