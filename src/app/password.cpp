// argon2id via libsodium; a password policy short enough to remember (length, not composition
// rules, as NIST SP 800-63B advises) that still refuses the obvious.
#include "app/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/text.hpp"

namespace amt::app {

PasswordCost PasswordCost::standard() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::cheapest_for_tests() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.passes, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id: out of memory");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (hash.size() >= crypto_pwhash_STRBYTES || hash.rfind("$argon2id$", 0) != 0) return false;
  const std::string terminated(hash);  // crypto_pwhash_str_verify wants a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

// Random salt and digest under real parameters: verifying against it runs a full argon2id at that
// cost, and nothing matches it. Building it hashes nothing, so a server start does not pay one
// argon2id run (64 MiB held for a moment, 0.1 s of CPU) for a sign-in that may never come.
std::string decoy_hash(PasswordCost cost) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  const auto base64 = [](std::size_t bytes) {
    std::string binary(bytes, '\0');
    randombytes_buf(binary.data(), binary.size());
    std::string text(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(binary.data()), bytes,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    text.resize(text.find('\0'));
    return text;
  };
  return "$argon2id$v=19$m=" + std::to_string(cost.memory_bytes / 1024) + ",t=" + std::to_string(cost.passes) +
         ",p=1$" + base64(crypto_pwhash_SALTBYTES) + "$" + base64(32);
}

std::optional<std::string> password_problem(std::string_view password, std::string_view login) {
  if (password.empty()) return "the password is empty";
  if (password.size() < min_password_length)
    return "the password needs at least " + std::to_string(min_password_length) + " characters";
  if (password.size() > max_password_length)
    return "the password has more than " + std::to_string(max_password_length) + " characters";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
    return "the password repeats one character";
  if (!login.empty() && ascii_lower(password).find(ascii_lower(login)) != std::string::npos)
    return "the password contains the login name";
  return std::nullopt;
}

}  // namespace amt::app
