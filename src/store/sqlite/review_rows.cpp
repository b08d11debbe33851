// Document reviews and preparation marks: one row per key, replaced in place (INSERT ... ON CONFLICT).
#include "store/sqlite/review_rows.hpp"

#include "store/review_row.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {

void save_document_review(Connection& c, const DocumentReview& r) {
  auto q = c.query(
      "INSERT INTO document_reviews (" AMT_REVIEW_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " ON CONFLICT (appointment_id, document) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
      " comment = excluded.comment, account_id = excluded.account_id, account_login = excluded.account_login,"
      " reviewed_at = excluded.reviewed_at");
  q.bind(1, r.appointment_id).bind(2, r.document).bind(3, std::string_view(to_string(r.state)));
  q.bind(4, r.reason).bind(5, r.comment).bind(6, r.account_id).bind(7, r.account_login);
  q.bind(8, seconds(r.reviewed_at));
  q.run();
}

std::vector<DocumentReview> document_reviews(Connection& c, const Id& appointment_id) {
  auto q = c.query("SELECT " AMT_REVIEW_COLUMNS " FROM document_reviews WHERE appointment_id = ?1 ORDER BY document");
  q.bind(1, appointment_id);
  std::vector<DocumentReview> out;
  while (q.step()) out.push_back(read_review(q));
  return out;
}

void save_preparation(Connection& c, const Preparation& p) {
  auto q = c.query("INSERT INTO preparations (" AMT_PREPARATION_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                   " ON CONFLICT (appointment_id) DO UPDATE SET prepared = excluded.prepared, note = excluded.note,"
                   " account_id = excluded.account_id, account_login = excluded.account_login,"
                   " updated_at = excluded.updated_at");
  q.bind(1, p.appointment_id).bind(2, p.prepared ? 1 : 0).bind(3, p.note).bind(4, p.account_id);
  q.bind(5, p.account_login).bind(6, seconds(p.updated_at));
  q.run();
}

std::optional<Preparation> preparation(Connection& c, const Id& appointment_id) {
  auto q = c.query("SELECT " AMT_PREPARATION_COLUMNS " FROM preparations WHERE appointment_id = ?1");
  q.bind(1, appointment_id);
  if (!q.step()) return std::nullopt;
  return read_preparation(q);
}

}  // namespace amt::store::sqlite
