// ALTCHA challenges (protocol of the altcha widget 2.x: SHA-256, HMAC-SHA256 signature, expiry in
// the salt) and the no-JavaScript wait tokens, both verified here without any state; the store
// makes each accepted proof single-use.
#include "app/proof_of_work.hpp"

#include <charconv>

#include <boost/json.hpp>
#include <sodium.h>

#include "app/secrets.hpp"

namespace amt::app {

namespace {

constexpr std::string_view wait_prefix = "wait1.";

tl::unexpected<FieldError> refuse(std::string code, std::string message) {
  return tl::unexpected(FieldError{"altcha", std::move(code), std::move(message)});
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() > 4096) return std::nullopt;
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING}) {
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &len, nullptr, variant) == 0) {
      out.resize(len);
      return out;
    }
  }
  return std::nullopt;
}

// The expiry the server put into the salt: "<hex>?expires=<unix seconds>".
std::optional<Instant> salt_expiry(std::string_view salt) {
  const auto q = salt.find("?expires=");
  if (q == std::string_view::npos) return std::nullopt;
  const auto seconds = to_int(salt.substr(q + 9));
  if (!seconds) return std::nullopt;
  return Instant{std::chrono::seconds{*seconds}};
}

const boost::json::string* string_at(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

}  // namespace

FieldError proof_already_used() {
  return {"altcha", "used", "This anti-bot proof was already used; solve a new challenge."};
}

ProofOfWork::ProofOfWork(ProofOfWorkOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

std::string ProofOfWork::sign(std::string_view message) const {
  return hmac_sha256_hex(options_.secret, message);
}

AltchaChallenge ProofOfWork::challenge() const {
  AltchaChallenge c;
  c.expires_at = clock_.now() + options_.validity;
  c.max_number = options_.max_number;
  c.salt = random_nonce() + "?expires=" + std::to_string(c.expires_at.time_since_epoch().count());
  const auto number = random_below(static_cast<std::uint32_t>(options_.max_number) + 1);
  c.challenge = sha256_hex(c.salt + std::to_string(number));
  c.signature = sign(c.challenge);
  return c;
}

std::string ProofOfWork::wait_token() const {
  const std::string body = std::to_string(clock_.now().time_since_epoch().count()) + "." + random_nonce();
  return std::string(wait_prefix) + body + "." + sign("wait:" + body);
}

tl::expected<AcceptedProof, FieldError> ProofOfWork::verify(std::string_view proof) const {
  if (proof.empty()) return refuse("required", "Solve the anti-bot challenge (GET /api/v1/challenge).");
  if (proof.starts_with(wait_prefix)) return verify_wait_token(proof);
  return verify_solution(proof);
}

tl::expected<AcceptedProof, FieldError> ProofOfWork::verify_solution(std::string_view payload) const {
  const auto bad = [] { return refuse("invalid", "The anti-bot solution is not valid."); };
  const auto decoded = base64_decode(payload);
  if (!decoded) return bad();
  boost::system::error_code ec;
  const auto json = boost::json::parse(*decoded, ec);
  const auto* o = ec ? nullptr : json.if_object();
  if (!o) return bad();
  const auto* algorithm = string_at(*o, "algorithm");
  const auto* challenge = string_at(*o, "challenge");
  const auto* salt = string_at(*o, "salt");
  const auto* signature = string_at(*o, "signature");
  const auto* number = o->if_contains("number");
  if (!algorithm || *algorithm != "SHA-256" || !challenge || !salt || !signature || !number ||
      !number->is_int64() || number->as_int64() < 0 || number->as_int64() > options_.max_number)
    return bad();
  if (!equal_constant_time(sign(*challenge), *signature)) return bad();
  if (sha256_hex(std::string(*salt) + std::to_string(number->as_int64())) != *challenge) return bad();
  const auto expires = salt_expiry(*salt);
  if (!expires) return bad();
  if (*expires < clock_.now()) return refuse("expired", "The anti-bot challenge has expired; solve a new one.");
  return AcceptedProof{"altcha:" + std::string(*challenge), *expires};
}

tl::expected<AcceptedProof, FieldError> ProofOfWork::verify_wait_token(std::string_view token) const {
  const auto bad = [] { return refuse("invalid", "The waiting token is not valid."); };
  const std::string_view rest = token.substr(wait_prefix.size());
  const auto last_dot = rest.rfind('.');
  const auto first_dot = rest.find('.');
  if (last_dot == std::string_view::npos || first_dot == last_dot) return bad();
  const std::string_view body = rest.substr(0, last_dot);
  if (!equal_constant_time(sign("wait:" + std::string(body)), rest.substr(last_dot + 1))) return bad();
  const auto issued_seconds = to_int(body.substr(0, first_dot));
  if (!issued_seconds) return bad();
  const Instant issued{std::chrono::seconds{*issued_seconds}};
  const Instant now = clock_.now();
  if (now < issued + options_.fallback_wait)
    return refuse("too_early", "Send the form again in a few seconds.");
  if (now > issued + options_.validity) return refuse("expired", "The waiting token has expired.");
  return AcceptedProof{"wait:" + std::string(body.substr(first_dot + 1)), issued + options_.validity};
}

std::int64_t ProofOfWork::seconds_until_valid(std::string_view token) const {
  if (!token.starts_with(wait_prefix)) return 0;
  const auto issued = to_int(token.substr(wait_prefix.size(), token.find('.', wait_prefix.size()) - wait_prefix.size()));
  if (!issued) return 0;
  const auto left = *issued + options_.fallback_wait.count() - clock_.now().time_since_epoch().count();
  return left > 0 ? left : 0;
}

}  // namespace amt::app
