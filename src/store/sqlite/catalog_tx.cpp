// The catalog read and replaced inside one write (administration): SQLite has one writer, so the
// transaction alone keeps two catalog changes from interleaving.
#include "store/sqlite/catalog_rows.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

Catalog SqliteWriteTx::load_catalog() { return sqlite::load_catalog(c_); }

void SqliteWriteTx::replace_catalog(const Catalog& catalog) { sqlite::replace_catalog(c_, catalog); }

}  // namespace amt::store::sqlite
