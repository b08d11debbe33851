// Outbox: enqueue, lease-based claiming, delivery results; and the documents of an appointment.
// Claims run on the one writer connection, so selecting due rows and leasing them is atomic.
#include "store/sqlite/outbox_rows.hpp"

#include "store/outbox_row.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {

bool enqueue_outbox(Connection& c, const OutboxMessage& m) {
  auto q = c.query("INSERT INTO outbox (id, channel, kind, appointment_id, recipient, subject, body,"
                   " attachment_name, attachment_type, attachment, dedupe_key, status, attempts,"
                   " next_attempt_at, lease_owner, lease_until, last_error, created_at, sent_at, qr_text)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'pending', 0, ?12, '', 0, '', ?13,"
                   " NULL, ?14) ON CONFLICT (dedupe_key) DO NOTHING");
  q.bind(1, m.id).bind(2, m.channel).bind(3, m.kind).bind(4, m.appointment_id).bind(5, m.recipient);
  q.bind(6, m.subject).bind(7, m.body).bind(8, m.attachment_name).bind(9, m.attachment_type);
  q.bind(10, m.attachment).bind_text_or_null(11, m.dedupe_key).bind(12, seconds(m.not_before));
  q.bind(13, seconds(m.created_at)).bind(14, m.qr_text);
  q.run();
  return q.changes() == 1;
}

int withdraw_outbox(Connection& c, const Id& appointment_id, std::string_view kind, Instant now) {
  auto q = c.query("DELETE FROM outbox WHERE appointment_id = ?1 AND kind = ?2 AND status = 'pending'"
                   " AND lease_until <= ?3");
  q.bind(1, appointment_id).bind(2, kind).bind(3, seconds(now));
  q.run();
  return q.changes();
}

bool withdraw_outbox_message(Connection& c, std::string_view dedupe_key, Instant now) {
  auto q = c.query("DELETE FROM outbox WHERE dedupe_key = ?1 AND status = 'pending' AND lease_until <= ?2");
  q.bind(1, dedupe_key).bind(2, seconds(now));
  q.run();
  return q.changes() == 1;
}

std::optional<OutboxMessage> outbox_by_dedupe_key(Connection& c, std::string_view key) {
  auto q = c.query("SELECT " AMT_OUTBOX_COLUMNS " FROM outbox WHERE dedupe_key = ?1");
  q.bind_text_or_null(1, key);
  if (!q.step()) return std::nullopt;
  return read_outbox_message(q);
}

bool outbox_has_due(Connection& c, std::string_view channel, Instant now) {
  auto q = c.query("SELECT 1 FROM outbox WHERE status = 'pending' AND channel = ?1"
                   " AND next_attempt_at <= ?2 AND lease_until <= ?2 LIMIT 1");
  q.bind(1, channel).bind(2, seconds(now));
  return q.step();
}

std::vector<OutboxMessage> claim_outbox(Connection& c, std::string_view channel, std::string_view worker,
                                        Instant now, std::chrono::seconds lease, int limit) {
  std::vector<std::string> ids;
  {
    auto q = c.query("SELECT id FROM outbox WHERE status = 'pending' AND channel = ?1"
                     " AND next_attempt_at <= ?2 AND lease_until <= ?2"
                     " ORDER BY next_attempt_at, created_at, rowid LIMIT ?3");
    q.bind(1, channel).bind(2, seconds(now)).bind(3, limit);
    while (q.step()) ids.push_back(q.text(0));
  }
  std::vector<OutboxMessage> out;
  for (const auto& id : ids) {
    auto lease_it = c.query("UPDATE outbox SET lease_owner = ?2, lease_until = ?3, attempts = attempts + 1"
                            " WHERE id = ?1");
    lease_it.bind(1, id).bind(2, worker).bind(3, seconds(now + lease));
    lease_it.run();
    auto read = c.query("SELECT " AMT_OUTBOX_COLUMNS " FROM outbox WHERE id = ?1");
    read.bind(1, id);
    if (read.step()) out.push_back(read_outbox_message(read));
  }
  return out;
}

bool mark_outbox_sent(Connection& c, std::string_view id, std::string_view worker, Instant now) {
  // The body and attachment go once delivered: they may carry the manage link, and the mail
  // server now holds the copy that matters. What was sent when stays visible.
  auto q = c.query("UPDATE outbox SET status = 'sent', sent_at = ?3, body = '', attachment = '',"
                   " lease_owner = '', lease_until = 0, last_error = ''"
                   " WHERE id = ?1 AND lease_owner = ?2 AND status = 'pending'");
  q.bind(1, id).bind(2, worker).bind(3, seconds(now));
  q.run();
  return q.changes() == 1;
}

bool mark_outbox_failed(Connection& c, std::string_view id, std::string_view worker, std::string_view error,
                        std::optional<Instant> retry_at) {
  auto q = c.query("UPDATE outbox SET status = ?3, next_attempt_at = COALESCE(?4, next_attempt_at),"
                   " last_error = ?5, lease_owner = '', lease_until = 0"
                   " WHERE id = ?1 AND lease_owner = ?2 AND status = 'pending'");
  q.bind(1, id).bind(2, worker).bind(3, std::string_view(retry_at ? "pending" : "failed"));
  if (retry_at) q.bind(4, seconds(*retry_at));
  else q.bind_null(4);
  q.bind(5, error);
  q.run();
  return q.changes() == 1;
}

std::vector<OutboxMessage> outbox_for_appointment(Connection& c, const Id& appointment_id) {
  auto q = c.query("SELECT " AMT_OUTBOX_COLUMNS " FROM outbox WHERE appointment_id = ?1"
                   " ORDER BY created_at, rowid");  // rowid: enqueue order
  q.bind(1, appointment_id);
  std::vector<OutboxMessage> out;
  while (q.step()) out.push_back(read_outbox_message(q));
  return out;
}

void insert_document(Connection& c, const StoredDocument& d) {
  auto q = c.query("INSERT INTO documents (id, appointment_id, document, file_name, media_type, size_bytes,"
                   " sha256, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, d.id).bind(2, d.appointment_id).bind(3, d.document).bind(4, d.file_name).bind(5, d.media_type);
  q.bind(6, d.size_bytes).bind(7, d.sha256).bind(8, seconds(d.uploaded_at));
  q.run();
}

std::vector<StoredDocument> documents(Connection& c, const Id& appointment_id) {
  auto q = c.query("SELECT id, appointment_id, document, file_name, media_type, size_bytes, sha256, uploaded_at"
                   " FROM documents WHERE appointment_id = ?1 ORDER BY uploaded_at, rowid");
  q.bind(1, appointment_id);
  std::vector<StoredDocument> out;
  while (q.step()) {
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5), q.text(6),
                   instant(q.int64(7))});
  }
  return out;
}

}  // namespace amt::store::sqlite
