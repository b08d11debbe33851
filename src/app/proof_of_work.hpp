// Anti-bot proof for public online booking: an ALTCHA proof of work (the widget in the browser
// searches the number whose SHA-256 the server's signed challenge names) or, for browsers without
// JavaScript, a signed wait token that becomes valid only some seconds after it was issued.
//
// Why the wait token: the widget needs JavaScript and the booking must work without it (BITV, old
// phones, hardened browsers). Proof of work costs a bot CPU time; the fallback costs it wall-clock
// time instead: a token is worthless for `wait` seconds after the server handed it out, and each
// proof (token or solution) books once, so a bot gets at most one booking per token per wait and,
// with the per-IP limits, few tokens. A person filling in the contact form needs longer than the
// wait anyway and only sees it when they are faster; the page then says how long to wait.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "app/clock.hpp"
#include "app/errors.hpp"

namespace amt::app {

struct ProofOfWorkOptions {
  std::string secret;                           // HMAC key; servers on one database share it
  int max_number = 100000;                      // the widget tries on average half of these
  std::chrono::seconds validity{30 * 60};       // a solved challenge or a wait token stays usable
  std::chrono::seconds fallback_wait{15};       // how long a wait token is not yet valid
};

// What GET /api/v1/challenge answers; the widget's JSON names are in parentheses.
struct AltchaChallenge {
  std::string algorithm = "SHA-256";
  std::string challenge;  // hex SHA-256 of salt + decimal number
  int max_number = 0;     // (maxnumber)
  std::string salt;       // random hex, then "?expires=<unix seconds>"
  std::string signature;  // hex HMAC-SHA256(secret, challenge)
  Instant expires_at;
};

// A valid proof, not yet spent: key is what the store records so it is accepted once.
struct AcceptedProof {
  std::string key;
  Instant expires_at;
};

class ProofOfWork {
 public:
  ProofOfWork(ProofOfWorkOptions options, const Clock& clock);

  AltchaChallenge challenge() const;
  std::string wait_token() const;
  std::chrono::seconds fallback_wait() const { return options_.fallback_wait; }
  // Seconds until a wait token becomes valid (0: valid now or not a wait token).
  std::int64_t seconds_until_valid(std::string_view token) const;

  // Checks an ALTCHA payload (base64 JSON from the widget) or a wait token. The error is a field
  // error on "altcha" with code required, invalid, expired or too_early; "used" comes from the store.
  tl::expected<AcceptedProof, FieldError> verify(std::string_view proof) const;

 private:
  tl::expected<AcceptedProof, FieldError> verify_solution(std::string_view payload) const;
  tl::expected<AcceptedProof, FieldError> verify_wait_token(std::string_view token) const;
  std::string sign(std::string_view message) const;

  ProofOfWorkOptions options_;
  const Clock& clock_;
};

// The field error for a proof that was valid but already spent on a booking.
FieldError proof_already_used();

}  // namespace amt::app
