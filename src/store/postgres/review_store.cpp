// PgStore and PgWriteTx: document reviews and preparation marks (issue #7). Reads are one statement
// on a pooled connection; changes run inside the caller's transaction.
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/review_rows.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {

void PgWriteTx::save_document_review(const DocumentReview& review) { postgres::save_document_review(c_, review); }

std::vector<DocumentReview> PgWriteTx::document_reviews(const Id& appointment_id) {
  return postgres::document_reviews(c_, appointment_id);
}

void PgWriteTx::save_preparation(const Preparation& p) { postgres::save_preparation(c_, p); }

std::optional<Preparation> PgWriteTx::preparation(const Id& appointment_id) {
  return postgres::preparation(c_, appointment_id);
}

std::vector<DocumentReview> PgStore::document_reviews(const Id& appointment_id) {
  auto c = pool_.acquire();
  return postgres::document_reviews(*c, appointment_id);
}

std::optional<Preparation> PgStore::preparation(const Id& appointment_id) {
  auto c = pool_.acquire();
  return postgres::preparation(*c, appointment_id);
}

}  // namespace amt::store::postgres
