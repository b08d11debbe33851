// Staff passwords: argon2id hashes through libsodium's crypto_pwhash_str, and the rules a new
// password must meet. Hashing is slow on purpose; callers run it off the HTTP I/O threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace amt::app {

// argon2id cost. The default is libsodium's "interactive" level, 2 passes over 64 MiB, above
// OWASP's minimum (19 MiB, 2 passes); measured in PasswordHash.VerifiesWithinTheSignInBudget.
// Tests that hash many passwords pass the cheapest cost.
struct PasswordCost {
  unsigned long long passes;
  std::size_t memory_bytes;
  static PasswordCost standard();
  static PasswordCost cheapest_for_tests();
};

std::string hash_password(std::string_view password, PasswordCost cost = PasswordCost::standard());
// False for a wrong password and for a hash that is not an argon2id string.
bool verify_password(std::string_view hash, std::string_view password);
// A hash of a random password at the given cost: verifying against it costs what a real check
// costs, so an unknown login takes as long to refuse as a wrong password.
std::string decoy_hash(PasswordCost cost = PasswordCost::standard());

inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 256;
// Why a new password is refused (plain English, for the CLI and as a message key), or nullopt.
std::optional<std::string> password_problem(std::string_view password, std::string_view login);

}  // namespace amt::app
