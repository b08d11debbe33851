// Signed double-submit tokens (OWASP "HMAC CSRF token"), compared in constant time.
#include "http/csrf.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "http/cookies.hpp"

namespace amt::http {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xf];
  }
  return out;
}

bool is_id(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string Csrf::token_for(std::string_view id) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  const std::string message = "csrf:" + std::string(id);
  if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size))
    throw std::runtime_error("HMAC failed");
  return to_hex(mac, size);
}

Csrf::Binding Csrf::binding(const Request& request) const {
  if (auto id = cookie(request, cookie_name); id && is_id(*id)) return {*id, token_for(*id), false};
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) throw std::runtime_error("no randomness for CSRF id");
  std::string id = to_hex(raw, sizeof raw);
  std::string token = token_for(id);
  return {std::move(id), std::move(token), true};
}

void Csrf::attach(Response& response, const Binding& binding) const {
  if (binding.is_new) set_cookie(response, cookie_name, binding.id);
}

bool Csrf::valid(const Request& request, std::string_view submitted_token) const {
  const auto id = cookie(request, cookie_name);
  if (!id || !is_id(*id)) return false;
  const std::string expected = token_for(*id);
  return submitted_token.size() == expected.size() &&
         CRYPTO_memcmp(expected.data(), submitted_token.data(), expected.size()) == 0;
}

}  // namespace amt::http
