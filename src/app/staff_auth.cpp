// Sign-in with slow-down and lock-out per login name, sessions checked on every request.
// The throttle is read before the password is checked, so a locked login costs no argon2id work
// and tells nothing about the password; it counts names that do not exist just the same.
#include "app/staff_auth.hpp"

#include <algorithm>
#include <cctype>

#include "app/secrets.hpp"
#include "core/text.hpp"

namespace amt::app {
namespace {

AuditEntry audit(const std::optional<StaffAccount>& account, std::string_view login, const char* action,
                 Instant now, std::string detail) {
  AuditEntry e;
  e.at = now;
  e.account_id = account ? account->id : "";
  e.account_login = account ? account->login : std::string(login.substr(0, 64));
  e.action = action;
  e.subject_type = "staff_account";
  e.subject_id = e.account_id;
  e.detail = std::move(detail);
  return e;
}

// One more failure: forgotten failures outside the window, a doubling wait from slow_after on,
// a lock from lock_after on (the count starts afresh once the lock ends).
LoginThrottle after_failure(std::optional<LoginThrottle> t, const std::string& key, Instant now,
                            const SignInPolicy& p) {
  if (!t || t->window_start + p.window <= now || (t->locked_until > Instant{} && t->locked_until <= now))
    t = LoginThrottle{key, 0, now, Instant{}, Instant{}};
  t->failures += 1;
  if (t->failures >= p.lock_after) {
    t->locked_until = now + p.lock_for;
    t->next_attempt_at = t->locked_until;
  } else if (t->failures >= p.slow_after) {
    const int doublings = std::min(t->failures - p.slow_after, 10);
    t->next_attempt_at = now + std::min<std::chrono::seconds>(std::chrono::seconds(1 << doublings), p.max_delay);
  }
  return *t;
}

}  // namespace

std::string throttle_key(std::string_view login) {
  return sha256_hex(ascii_lower(login));
}

StaffAuth::StaffAuth(store::Store& store, SignInPolicy policy, PasswordCost decoy_cost)
    : store_(store), policy_(policy), decoy_hash_(decoy_hash(decoy_cost)) {}

SignInResult StaffAuth::sign_in(std::string_view login, std::string_view password, Instant now,
                                std::string_view from) {
  const std::string key = throttle_key(login);
  if (const auto t = store_.login_throttle(key)) {
    if (t->locked_until > now) return {SignInOutcome::locked, "", std::nullopt, t->locked_until};
    if (t->next_attempt_at > now) return {SignInOutcome::too_soon, "", std::nullopt, t->next_attempt_at};
  }
  auto account = store_.staff_account_by_login(login);
  const bool usable = account && account->active;
  // An unknown or inactive login still costs one full verification, so timing tells nothing.
  const bool matches = verify_password(usable ? account->password_hash : decoy_hash_, password) && usable;
  if (!matches || password.size() > max_password_length) {
    record_failure(key, account, login, now, from);
    return {SignInOutcome::wrong_credentials, "", std::nullopt, Instant{}};
  }
  SignInResult result{SignInOutcome::signed_in, random_token(), account, Instant{}};
  const StaffSession session{sha256_hex(result.token), account->id, now, now};
  store_.write([&](store::WriteTx& tx) {
    tx.delete_login_throttle(key);
    tx.insert_staff_session(session);
    tx.append_audit(audit(account, login, "staff.sign_in", now, "from " + std::string(from)));
  });
  return result;
}

void StaffAuth::record_failure(const std::string& key, const std::optional<StaffAccount>& account,
                               std::string_view login, Instant now, std::string_view from) {
  store_.write([&](store::WriteTx& tx) {
    const LoginThrottle t = after_failure(tx.login_throttle(key), key, now, policy_);
    tx.save_login_throttle(t);
    std::string detail = "from " + std::string(from) + ", failure " + std::to_string(t.failures);
    if (t.locked_until > now) detail += ", locked";
    tx.append_audit(audit(account, login, "staff.sign_in_failed", now, std::move(detail)));
  });
}

std::optional<SignedInStaff> StaffAuth::authenticate(std::string_view token, Instant now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = sha256_hex(token);
  auto session = store_.staff_session(hash);
  if (!session) return std::nullopt;
  if (session->last_seen_at + policy_.idle_timeout <= now || session->created_at + policy_.absolute_timeout <= now) {
    store_.write([&](store::WriteTx& tx) { tx.delete_staff_session(hash); });
    return std::nullopt;
  }
  auto account = store_.staff_account_by_id(session->account_id);
  if (!account || !account->active) return std::nullopt;
  if (session->last_seen_at + policy_.touch_every <= now) {
    store_.write([&](store::WriteTx& tx) { tx.touch_staff_session(hash, now); });
    session->last_seen_at = now;
  }
  return SignedInStaff{std::move(*account), std::move(*session)};
}

void StaffAuth::sign_out(std::string_view token, const StaffAccount& account, Instant now) {
  store_.write([&](store::WriteTx& tx) {
    if (tx.delete_staff_session(sha256_hex(token)))
      tx.append_audit(audit(account, account.login, "staff.sign_out", now, ""));
  });
}

int StaffAuth::sign_out_everywhere(const StaffAccount& account, Instant now) {
  int ended = 0;
  store_.write([&](store::WriteTx& tx) {
    ended = tx.delete_staff_sessions_of(account.id);
    tx.append_audit(audit(account, account.login, "staff.sign_out_everywhere", now,
                          std::to_string(ended) + " sessions"));
  });
  return ended;
}

}  // namespace amt::app
