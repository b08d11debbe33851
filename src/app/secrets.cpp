// Randomness from libsodium, SHA-256 and HMAC from OpenSSL.
#include "app/secrets.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

namespace amt::app {

namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string hex(const unsigned char* data, size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0xf];
  }
  return out;
}

std::string base64url(const unsigned char* data, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::array<unsigned char, SHA256_DIGEST_LENGTH> hmac_sha256(std::string_view key, std::string_view message) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> mac{};
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &len) ||
      len != mac.size())
    throw std::runtime_error("HMAC failed");
  return mac;
}

}  // namespace

std::string new_booking_code() {
  ensure_sodium();
  std::string code(6, ' ');
  for (char& c : code)
    c = booking_code_alphabet[randombytes_uniform(static_cast<uint32_t>(booking_code_alphabet.size()))];
  return code;
}

bool is_booking_code(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (booking_code_alphabet.find(c) == std::string_view::npos) return false;
  return true;
}

std::string random_nonce() {
  ensure_sodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return hex(bytes.data(), bytes.size());
}

std::string random_token() {
  ensure_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return base64url(bytes.data(), bytes.size());
}

std::string manage_token(std::string_view secret, std::string_view nonce) {
  const auto mac = hmac_sha256(secret, nonce);
  return base64url(mac.data(), mac.size());
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return hex(digest.data(), digest.size());
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

double random_unit() {
  ensure_sodium();
  return static_cast<double>(randombytes_uniform(1u << 30)) / static_cast<double>(1u << 30); }
std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  const auto mac = hmac_sha256(key, message);
  return hex(mac.data(), mac.size());
}

std::uint32_t random_below(std::uint32_t bound) {
  ensure_sodium();
  return randombytes_uniform(bound);
}

}  // namespace amt::app
