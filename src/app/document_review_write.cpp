// The verdicts on an appointment's documents and the deadline reminder: both write the message to
// the citizen in the same transaction as what it tells about.
#include <algorithm>

#include "app/contact.hpp"
#include "app/document_review.hpp"
#include "app/document_review_mail.hpp"

namespace amt::app {

namespace {

constexpr std::size_t max_comment_chars = 500;

// Checks one input against the service's documents; the first thing wrong, or nullopt.
std::optional<FieldError> check(const ReviewInput& in, std::size_t i, const Service* service) {
  const std::string at = "documents." + std::to_string(i) + ".";
  if (!service || std::find(service->documents.begin(), service->documents.end(), in.document) ==
                      service->documents.end())
    return FieldError{at + "document", "unknown", "This document is not one this appointment asks for."};
  const auto state = review_state_from_string(in.state);
  if (!state) return FieldError{at + "state", "invalid", "Choose accepted, unreadable, wrong or missing."};
  if (!is_review_reason(in.reason)) return FieldError{at + "reason", "invalid", "Choose a reason from the list."};
  if (*state != ReviewState::accepted && in.reason == "none")
    return FieldError{at + "reason", "required", "Say why the document cannot be accepted."};
  if (!is_valid_utf8(in.comment) || utf8_length(in.comment) > max_comment_chars)
    return FieldError{at + "comment", "too_long", "The comment can have at most 500 characters."};
  return std::nullopt;
}

bool still_open(const Appointment& a, Instant now) {
  return (a.status == AppointmentStatus::booked || a.status == AppointmentStatus::checked_in) && a.start > now;
}

}  // namespace

Result<ReviewOutcome> DocumentReviews::review(const StaffAccount& account, std::string_view code,
                                              const std::vector<ReviewInput>& inputs) {
  const auto a = visible(account, code);
  if (!a) return fail(ErrorKind::not_found, "No booking with this code that you may see.");
  const auto snapshot = catalogs_.current();
  const Service* service = snapshot->catalog.service(a->service_id);
  std::vector<FieldError> errors;
  std::vector<const ReviewInput*> chosen;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].state.empty()) continue;  // not looked at this time
    if (auto e = check(inputs[i], i, service)) errors.push_back(*e);
    chosen.push_back(&inputs[i]);
  }
  if (!errors.empty()) return invalid(std::move(errors));
  if (chosen.empty()) return invalid({{"documents", "required", "Choose a state for at least one document."}});
  const Instant now = clock_.now();
  const Location* location = snapshot->catalog.location(a->location_id);
  Result<ReviewOutcome> result = fail(ErrorKind::not_found, "not attempted");
  store_.write([&](store::WriteTx& tx) {
    auto current = tx.appointment_by_id(a->id);
    if (!current || !still_open(*current, now)) {
      result = fail(ErrorKind::not_changeable, "This appointment is over or cancelled.");
      return;
    }
    ReviewOutcome outcome;
    bool rejected = false;
    for (const ReviewInput* in : chosen) {
      const ReviewState state = *review_state_from_string(in->state);
      const std::string reason = state == ReviewState::accepted ? "none" : in->reason;
      tx.save_document_review({current->id, in->document, state, reason, trim(in->comment), account.id,
                               account.login, now});
      tx.append_audit({0, now, account.id, account.login, "document.review", "appointment", current->id,
                       in->document + ": " + in->state + " (" + reason + ")"});
      rejected = rejected || state != ReviewState::accepted;
      ++outcome.reviewed;
    }
    outcome.after = {*current, snapshot, service,
                     document_states(service, tx.documents(current->id), tx.document_reviews(current->id))};
    if (rejected && location)
      outcome.messages_queued = enqueue_document_mails(
          tx, DocumentMailKind::rejected, {*current, *location, outcome.after.states, manage_link(*current), now});
    result = std::move(outcome);
  });
  return result;
}

namespace {

// A reminder decided outside the write, queued with the others of its batch.
struct DueReminder {
  Appointment appointment;
  const Location* location;
  DocumentStates states;
  std::string manage_link;
};

// Reminders queued per write transaction. Every commit empties the availability caches, and on the
// first run after a start (or when a busy day reaches its deadline) hundreds of reminders fall due at
// once: one commit each made every request in flight compute its answer afresh, hundreds of times in
// a second, each holding weeks of appointments (the memory peak of issue #2, docs/benchmarks.md).
constexpr std::size_t reminder_batch = 200;

int queue_reminders(store::Store& store, const std::vector<DueReminder>& batch, Instant now) {
  int queued = 0;  // set afresh on every run of the transaction
  store.write([&](store::WriteTx& tx) {
    queued = 0;
    for (const DueReminder& r : batch)
      queued += enqueue_document_mails(tx, DocumentMailKind::reminder,
                                       {r.appointment, *r.location, r.states, r.manage_link, now});
  });
  return queued;
}

}  // namespace

int DocumentReviews::send_reminders() {
  const auto snapshot = catalogs_.current();
  const Instant now = clock_.now();
  // Far enough ahead for any deadline of reminder_working_days across weekends and holidays.
  const auto ahead = std::chrono::days(settings_.reminder_working_days * 2 + 14);
  int queued = 0;
  std::vector<DueReminder> batch;
  for (const Location& l : snapshot->catalog.locations) {
    const Zone z = zone(l.time_zone);
    const LocalDate today = local_date(z, now);
    for (Appointment& a : store_.appointments(l.id, now, now + ahead)) {
      if (a.status != AppointmentStatus::booked || a.start <= now) continue;
      const Service* service = snapshot->catalog.service(a.service_id);
      if (!service || service->documents.empty()) continue;
      const LocalDate due = reminder_day(l, local_date(z, a.start), settings_.reminder_working_days);
      // Booked after the deadline: the confirmation has just named the documents.
      if (today < due || local_date(z, a.created_at) >= due) continue;
      const auto sent = store_.outbox_for_appointment(a.id);
      if (std::any_of(sent.begin(), sent.end(), [](const auto& m) { return m.kind == "documents_reminder"; })) continue;
      DocumentStates states = document_states(store_, service, a.id);
      if (states.outstanding() == 0) continue;
      std::string link = manage_link(a);
      batch.push_back({std::move(a), &l, std::move(states), std::move(link)});
      if (batch.size() < reminder_batch) continue;
      queued += queue_reminders(store_, batch, now);
      batch.clear();
    }
  }
  if (!batch.empty()) queued += queue_reminders(store_, batch, now);
  return queued;
}

}  // namespace amt::app
