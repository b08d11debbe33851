// Search keys of the service center's find; the SQL twin is in migrations/*/017_find_keys.sql.
#include "core/search_keys.hpp"

namespace amt {

std::string phone_search_key(std::string_view normalised) {
  if (normalised.substr(0, 3) == "+49") return "0" + std::string(normalised.substr(3));
  if (normalised.substr(0, 4) == "0049") return "0" + std::string(normalised.substr(4));
  return std::string(normalised);
}

}  // namespace amt
