// SqliteStore and SqliteWriteTx: document reviews and preparation marks (issue #7). Reads from the
// reader pool, changes inside the writer's transaction.
#include "store/sqlite/review_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

void SqliteWriteTx::save_document_review(const DocumentReview& review) { sqlite::save_document_review(c_, review); }

std::vector<DocumentReview> SqliteWriteTx::document_reviews(const Id& appointment_id) {
  return sqlite::document_reviews(c_, appointment_id);
}

void SqliteWriteTx::save_preparation(const Preparation& p) { sqlite::save_preparation(c_, p); }

std::optional<Preparation> SqliteWriteTx::preparation(const Id& appointment_id) {
  return sqlite::preparation(c_, appointment_id);
}

std::vector<DocumentReview> SqliteStore::document_reviews(const Id& appointment_id) {
  auto lease = readers_.acquire();
  return sqlite::document_reviews(*lease, appointment_id);
}

std::optional<Preparation> SqliteStore::preparation(const Id& appointment_id) {
  auto lease = readers_.acquire();
  return sqlite::preparation(*lease, appointment_id);
}

}  // namespace amt::store::sqlite
