// Booking codes, manage tokens and their hashes. Randomness comes from libsodium's CSPRNG, the
// hashes from OpenSSL; both behind small functions so tests can check their shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace amt::app {

// Six characters without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), easy to read over the phone.
inline constexpr std::string_view booking_code_alphabet = "ACDEFGHJKMNPQRTUVWXY34679";
std::string new_booking_code();
bool is_booking_code(std::string_view s);  // right length and alphabet (case-sensitive)

std::string random_nonce();  // 128 random bits, hex
double random_unit();        // uniform in [0, 1), e.g. for retry jitter
std::string random_token();  // 256 random bits, base64url (staff session tokens)
// The manage token is HMAC(secret, nonce): a retried idempotent request can be answered with the
// same token although only its hash is stored. base64url, 256 bits.
std::string manage_token(std::string_view secret, std::string_view nonce);
std::string sha256_hex(std::string_view data);
bool equal_constant_time(std::string_view a, std::string_view b);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
std::uint32_t random_below(std::uint32_t bound);  // uniform in [0, bound)

}  // namespace amt::app
