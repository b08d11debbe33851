// The catalog read and replaced inside one write (administration). Reading it first takes a lock
// that only catalog writers contend for (SHARE ROW EXCLUSIVE conflicts with itself and with the
// row changes of replace_catalog, not with plain reads), so two admins' changes take turns and the
// second one reads what the first committed (READ COMMITTED reads after the wait).
#include "store/postgres/catalog_rows.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {

Catalog PgWriteTx::load_catalog() {
  c_.exec("LOCK TABLE locations IN SHARE ROW EXCLUSIVE MODE");
  return postgres::load_catalog(c_);
}

void PgWriteTx::replace_catalog(const Catalog& catalog) { postgres::replace_catalog(c_, catalog); }

}  // namespace amt::store::postgres
