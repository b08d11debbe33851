// Spent anti-bot proofs (migration 003): the primary key makes a second claim of one proof fail.
#include "store/sqlite/values.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

bool SqliteWriteTx::claim_proof(std::string_view key, Instant expires_at, Instant now) {
  auto purge = c_.query("DELETE FROM used_proofs WHERE expires_at < ?1");
  purge.bind(1, seconds(now));
  purge.run();
  auto q = c_.query("INSERT INTO used_proofs (proof_key, expires_at) VALUES (?1, ?2)"
                    " ON CONFLICT (proof_key) DO NOTHING");
  q.bind(1, key).bind(2, seconds(expires_at));
  q.run();
  return q.changes() == 1;
}

}  // namespace amt::store::sqlite
