// The messages the document pre-check sends (issue #7): "please upload again" after a caseworker
// rejected or missed documents, and the one reminder before the deadline. E-mail in the booking's
// language with the manage link; a short SMS row too when the booking has a mobile number, in its
// language where the catalogs have the text, else German (sms.hpp).
#pragma once

#include <string>
#include <string_view>

#include "app/document_states.hpp"
#include "store/store.hpp"

namespace amt::app {

enum class DocumentMailKind { rejected, reminder };

struct DocumentMailFacts {
  const Appointment& appointment;
  const Location& location;
  const DocumentStates& states;
  std::string manage_link;  // /manage?code=...&token=... on the public site
  Instant now;
};

// The e-mail as an outbox message (recipient = the booking's address).
store::OutboxMessage document_mail(DocumentMailKind kind, const DocumentMailFacts& facts, std::string id);

// Queues the e-mail (when the booking has an address) and the SMS (when it has a mobile number) in
// tx. Reminders carry a dedupe key per appointment: a second reminder is never queued, whichever
// server or restart tries. Returns how many messages were queued.
int enqueue_document_mails(store::WriteTx& tx, DocumentMailKind kind, const DocumentMailFacts& facts);

}  // namespace amt::app
