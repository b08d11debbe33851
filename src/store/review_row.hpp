// How document review and preparation rows read back, the same for both backends: one column list
// and one reader over either backend's row type (as kiosk_key_row.hpp).
#pragma once

#include <chrono>
#include <stdexcept>

#include "store/store.hpp"

#define AMT_REVIEW_COLUMNS \
  "appointment_id, document, state, reason, comment, account_id, account_login, reviewed_at"
#define AMT_PREPARATION_COLUMNS "appointment_id, prepared, note, account_id, account_login, updated_at"

namespace amt::store {

template <class Row>
DocumentReview read_review(const Row& q) {
  DocumentReview r;
  r.appointment_id = q.text(0);
  r.document = q.text(1);
  const auto state = review_state_from_string(q.text(2));
  if (!state) throw std::runtime_error("document_reviews: unknown state " + q.text(2));
  r.state = *state;
  r.reason = q.text(3);
  r.comment = q.text(4);
  r.account_id = q.text(5);
  r.account_login = q.text(6);
  r.reviewed_at = Instant{std::chrono::seconds{q.int64(7)}};
  return r;
}

template <class Row>
Preparation read_preparation(const Row& q) {
  Preparation p;
  p.appointment_id = q.text(0);
  p.prepared = q.int64(1) != 0;
  p.note = q.text(2);
  p.account_id = q.text(3);
  p.account_login = q.text(4);
  p.updated_at = Instant{std::chrono::seconds{q.int64(5)}};
  return p;
}

}  // namespace amt::store
