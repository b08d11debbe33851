// Document reviews and preparation marks: one row per key, replaced in place (INSERT ... ON CONFLICT,
// which also settles two servers saving the same key at once).
#include "store/postgres/review_rows.hpp"

#include "store/postgres/values.hpp"
#include "store/review_row.hpp"

namespace amt::store::postgres {

void save_document_review(Connection& c, const DocumentReview& r) {
  Params p;
  p.add(r.appointment_id).add(r.document).add(std::string_view(to_string(r.state))).add(r.reason).add(r.comment);
  p.add(r.account_id).add(r.account_login).add(seconds(r.reviewed_at));
  c.query("INSERT INTO document_reviews (" AMT_REVIEW_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint)"
          " ON CONFLICT (appointment_id, document) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
          " comment = excluded.comment, account_id = excluded.account_id, account_login = excluded.account_login,"
          " reviewed_at = excluded.reviewed_at",
          p);
}

std::vector<DocumentReview> document_reviews(Connection& c, const Id& appointment_id) {
  const auto rows = c.query("SELECT " AMT_REVIEW_COLUMNS " FROM document_reviews WHERE appointment_id = $1"
                            " ORDER BY document COLLATE \"C\"",
                            Params().add(appointment_id));
  std::vector<DocumentReview> out;
  for (const Row q : rows) out.push_back(read_review(q));
  return out;
}

void save_preparation(Connection& c, const Preparation& prep) {
  Params p;
  p.add(prep.appointment_id).add(prep.prepared ? 1 : 0).add(prep.note).add(prep.account_id).add(prep.account_login);
  p.add(seconds(prep.updated_at));
  c.query("INSERT INTO preparations (" AMT_PREPARATION_COLUMNS ") VALUES ($1, $2::smallint, $3, $4, $5, $6::bigint)"
          " ON CONFLICT (appointment_id) DO UPDATE SET prepared = excluded.prepared, note = excluded.note,"
          " account_id = excluded.account_id, account_login = excluded.account_login,"
          " updated_at = excluded.updated_at",
          p);
}

std::optional<Preparation> preparation(Connection& c, const Id& appointment_id) {
  const auto rows = c.query("SELECT " AMT_PREPARATION_COLUMNS " FROM preparations WHERE appointment_id = $1",
                            Params().add(appointment_id));
  if (rows.size() == 0) return std::nullopt;
  return read_preparation(rows[0]);
}

}  // namespace amt::store::postgres
