// Spent anti-bot proofs (migration 003). Under READ COMMITTED a second server inserting the same key
// waits for the first one's transaction and then inserts nothing, so a proof is accepted once.
#include "store/postgres/values.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {

bool PgWriteTx::claim_proof(std::string_view key, Instant expires_at, Instant now) {
  c_.query("DELETE FROM used_proofs WHERE expires_at < $1", Params().add(seconds(now)));
  return c_.query("INSERT INTO used_proofs (proof_key, expires_at) VALUES ($1, $2)"
                  " ON CONFLICT (proof_key) DO NOTHING",
                  Params().add(key).add(seconds(expires_at)))
             .affected() == 1;
}

}  // namespace amt::store::postgres
