// Issuing and checking kiosk device keys; revocation is a plain store call.
#include "app/kiosk_keys.hpp"

#include "app/secrets.hpp"

namespace amt::app {
namespace {

constexpr std::size_t max_name_length = 80;
constexpr std::size_t min_secret_length = 32;  // random_token() gives 43; anything shorter is not ours

}  // namespace

Result<IssuedKioskKey> issue_kiosk_key(store::Store& store, const Catalog& catalog, const Id& location_id,
                                       std::string_view name, Instant now) {
  std::vector<FieldError> errors;
  if (catalog.location(location_id) == nullptr) errors.push_back({"location", "unknown", "no such location"});
  if (name.empty() || name.size() > max_name_length)
    errors.push_back({"name", "invalid", "a name of 1 to 80 characters is required"});
  if (!errors.empty()) return invalid(std::move(errors));
  IssuedKioskKey issued;
  issued.secret = random_token();
  issued.key = {random_nonce().substr(0, 12), sha256_hex(issued.secret), std::string(name), location_id, now,
                std::nullopt};
  store.insert_kiosk_key(issued.key);
  return issued;
}

std::optional<store::KioskKey> active_kiosk_key(store::Store& store, std::string_view secret) {
  if (secret.size() < min_secret_length) return std::nullopt;
  auto key = store.kiosk_key_by_hash(sha256_hex(secret));
  if (!key || key->revoked_at) return std::nullopt;
  return key;
}

std::string describe_kiosk_keys(const std::vector<store::KioskKey>& keys) {
  std::string out;
  for (const auto& k : keys) {
    out += k.id + "  " + k.location_id + "  ";
    out += k.revoked_at ? "revoked " + format_rfc3339_utc(*k.revoked_at) : std::string("active");
    out += "  issued " + format_rfc3339_utc(k.issued_at) + "  " + k.name + "\n";
  }
  return out;
}

}  // namespace amt::app
