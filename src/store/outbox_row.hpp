// How an outbox row reads back, the same for both backends: one column list, and one reader over
// either backend's row type (anything with text, int64 and integer by column number).
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

#include "store/store.hpp"

// The columns read_outbox_message expects, in its order (instants are unix seconds).
#define AMT_OUTBOX_COLUMNS                                                                          \
  "id, channel, kind, appointment_id, recipient, subject, body, attachment_name, attachment_type, " \
  "attachment, COALESCE(dedupe_key, ''), next_attempt_at, created_at, status, attempts, last_error, " \
  "CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END, COALESCE(sent_at, 0), qr_text"

namespace amt::store {

inline OutboxStatus outbox_status(const std::string& s) {
  if (s == "pending") return OutboxStatus::pending;
  if (s == "sent") return OutboxStatus::sent;
  if (s == "failed") return OutboxStatus::failed;
  throw std::runtime_error("outbox: unknown status " + s);
}

template <class Row>
OutboxMessage read_outbox_message(const Row& q) {
  const auto at = [&](int column) { return Instant{std::chrono::seconds{q.int64(column)}}; };
  OutboxMessage m;
  m.id = q.text(0);
  m.channel = q.text(1);
  m.kind = q.text(2);
  m.appointment_id = q.text(3);
  m.recipient = q.text(4);
  m.subject = q.text(5);
  m.body = q.text(6);
  m.attachment_name = q.text(7);
  m.attachment_type = q.text(8);
  m.attachment = q.text(9);
  m.dedupe_key = q.text(10);
  m.not_before = at(11);
  m.created_at = at(12);
  m.status = outbox_status(q.text(13));
  m.attempts = q.integer(14);
  m.last_error = q.text(15);
  if (q.int64(16) != 0) m.sent_at = at(17);
  m.qr_text = q.text(18);
  return m;
}

}  // namespace amt::store
