// Outbox: enqueue, claiming by several servers at once, delivery results; and the documents of an
// appointment. A claim is one UPDATE whose subquery picks due rows FOR UPDATE SKIP LOCKED: a row
// another server's claim is leasing right now is skipped, not waited for, and a row it leased a
// moment ago fails the re-checked lease_until condition, so no two workers hold one message.
#include "store/postgres/outbox_rows.hpp"

#include <algorithm>
#include <tuple>

#include "store/outbox_row.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {

bool enqueue_outbox(Connection& c, const OutboxMessage& m) {
  Params p;
  p.add(m.id).add(m.channel).add(m.kind).add(m.appointment_id).add(m.recipient).add(m.subject).add(m.body);
  p.add(m.attachment_name).add(m.attachment_type).add(m.attachment).add_text_or_null(m.dedupe_key);
  p.add(seconds(m.not_before)).add(seconds(m.created_at)).add(m.qr_text);
  // A second message with the same dedupe key, even one another server is inserting right now,
  // waits for that insert to commit and is then dropped.
  return c.query("INSERT INTO outbox (id, channel, kind, appointment_id, recipient, subject, body,"
                 " attachment_name, attachment_type, attachment, dedupe_key, status, attempts,"
                 " next_attempt_at, lease_owner, lease_until, last_error, created_at, sent_at, qr_text)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', 0, $12::bigint, '', 0, '',"
                 " $13::bigint, NULL, $14) ON CONFLICT (dedupe_key) DO NOTHING",
                 p)
             .affected() == 1;
}

std::vector<OutboxMessage> claim_outbox(Connection& c, std::string_view channel, std::string_view worker,
                                        Instant now, std::chrono::seconds lease, int limit) {
  auto rows = c.query("WITH due AS (SELECT id AS due_id FROM outbox WHERE status = 'pending' AND channel = $1"
                      " AND next_attempt_at <= $2::bigint AND lease_until <= $2::bigint"
                      " ORDER BY next_attempt_at, created_at, seq LIMIT $3::integer FOR UPDATE SKIP LOCKED)"
                      " UPDATE outbox SET lease_owner = $4, lease_until = $5::bigint, attempts = attempts + 1"
                      " FROM due WHERE id = due_id RETURNING " AMT_OUTBOX_COLUMNS ", seq",
                      Params().add(channel).add(seconds(now)).add(limit).add(worker).add(seconds(now + lease)));
  // RETURNING keeps no order: oldest due first, then enqueue order (seq).
  std::vector<std::pair<std::int64_t, OutboxMessage>> claimed;
  for (const Row& row : rows) claimed.emplace_back(row.int64(19), read_outbox_message(row));
  std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.not_before, a.second.created_at, a.first) <
           std::tie(b.second.not_before, b.second.created_at, b.first);
  });
  std::vector<OutboxMessage> out;
  for (auto& [seq, m] : claimed) out.push_back(std::move(m));
  return out;
}

bool mark_outbox_sent(Connection& c, std::string_view id, std::string_view worker, Instant now) {
  // The body and attachment go once delivered: they may carry the manage link, and the mail
  // server now holds the copy that matters. What was sent when stays visible.
  return c.query("UPDATE outbox SET status = 'sent', sent_at = $3::bigint, body = '', attachment = '',"
                 " lease_owner = '', lease_until = 0, last_error = ''"
                 " WHERE id = $1 AND lease_owner = $2 AND status = 'pending'",
                 Params().add(id).add(worker).add(seconds(now)))
             .affected() == 1;
}

bool mark_outbox_failed(Connection& c, std::string_view id, std::string_view worker, std::string_view error,
                        std::optional<Instant> retry_at) {
  Params p;
  p.add(id).add(worker).add(std::string_view(retry_at ? "pending" : "failed"));
  if (retry_at) p.add(seconds(*retry_at));
  else p.add_null();
  p.add(error);
  return c.query("UPDATE outbox SET status = $3, next_attempt_at = COALESCE($4::bigint, next_attempt_at),"
                 " last_error = $5, lease_owner = '', lease_until = 0"
                 " WHERE id = $1 AND lease_owner = $2 AND status = 'pending'",
                 p)
             .affected() == 1;
}

int withdraw_outbox(Connection& c, const Id& appointment_id, std::string_view kind, Instant now) {
  // A worker's claim locks the rows it leases: this waits for it and then sees the running lease.
  return c.query("DELETE FROM outbox WHERE appointment_id = $1 AND kind = $2 AND status = 'pending'"
                 " AND lease_until <= $3::bigint",
                 Params().add(appointment_id).add(kind).add(seconds(now)))
      .affected();
}

bool withdraw_outbox_message(Connection& c, std::string_view dedupe_key, Instant now) {
  // As above: a running claim is waited for and then seen.
  return c.query("DELETE FROM outbox WHERE dedupe_key = $1 AND status = 'pending' AND lease_until <= $2::bigint",
                 Params().add(dedupe_key).add(seconds(now)))
             .affected() == 1;
}

std::optional<OutboxMessage> outbox_by_dedupe_key(Connection& c, std::string_view key) {
  const auto rows = c.query("SELECT " AMT_OUTBOX_COLUMNS " FROM outbox WHERE dedupe_key = $1", Params().add_text_or_null(key));
  if (rows.size() == 0) return std::nullopt;
  return read_outbox_message(rows[0]);
}

std::vector<OutboxMessage> outbox_for_appointment(Connection& c, const Id& appointment_id) {
  auto rows = c.query("SELECT " AMT_OUTBOX_COLUMNS " FROM outbox WHERE appointment_id = $1 ORDER BY created_at, seq",
                      Params().add(appointment_id));
  std::vector<OutboxMessage> out;
  for (const Row& row : rows) out.push_back(read_outbox_message(row));
  return out;
}

void insert_document(Connection& c, const StoredDocument& d) {
  c.query("INSERT INTO documents (id, appointment_id, document, file_name, media_type, size_bytes, sha256,"
          " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8::bigint)",
          Params().add(d.id).add(d.appointment_id).add(d.document).add(d.file_name).add(d.media_type)
              .add(d.size_bytes).add(d.sha256).add(seconds(d.uploaded_at)));
}

std::vector<StoredDocument> documents(Connection& c, const Id& appointment_id) {
  auto rows = c.query("SELECT id, appointment_id, document, file_name, media_type, size_bytes, sha256, uploaded_at"
                      " FROM documents WHERE appointment_id = $1 ORDER BY uploaded_at, seq",
                      Params().add(appointment_id));
  std::vector<StoredDocument> out;
  for (const Row& q : rows) {
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5), q.text(6),
                   instant(q.int64(7))});
  }
  return out;
}

}  // namespace amt::store::postgres
