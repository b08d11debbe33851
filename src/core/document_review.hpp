// Document pre-check (Unterlagenprüfung, issue #7): a caseworker's verdict on each required document
// of an appointment, the appointment's preparation mark, and the pure rules built on them (what the
// citizen still owes, when the one reminder is due). No I/O, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace amt {

// The verdict on one required document.
enum class ReviewState : std::uint8_t { accepted, unreadable, wrong, missing };
const char* to_string(ReviewState s);
std::optional<ReviewState> review_state_from_string(std::string_view s);

// The fixed list of short reasons a caseworker picks from (shown translated; stored as the code).
inline constexpr std::string_view review_reasons[] = {
    "none",              // accepted: no reason needed
    "illegible",         // too blurred, dark or cut off to read
    "incomplete",        // pages or parts missing
    "expired",           // no longer valid
    "wrong_person",      // about someone else
    "wrong_document",    // another document than the one asked for
    "not_uploaded",      // nothing received for it
    "other",             // see the free text
};
bool is_review_reason(std::string_view code);

// Prüfvermerk: the latest verdict per (appointment, document); a new one replaces it.
struct DocumentReview {
  Id appointment_id;
  std::string document;  // one of the service's required documents
  ReviewState state = ReviewState::accepted;
  std::string reason;    // a code of review_reasons
  std::string comment;   // free text for the citizen, at most 500 characters
  Id account_id;         // who reviewed
  std::string account_login;
  Instant reviewed_at{};
  bool operator==(const DocumentReview&) const = default;
};

// Vorbereitung: whether the caseworker has prepared the talk, with a note only staff see.
struct Preparation {
  Id appointment_id;
  bool prepared = false;
  std::string note;  // private: never shown to the citizen, at most 2000 characters
  Id account_id;
  std::string account_login;
  Instant updated_at{};
  bool operator==(const Preparation&) const = default;
};

// Where a required document stands, combining uploads and the latest verdict.
enum class DocumentStatus : std::uint8_t {
  not_received,  // nothing uploaded and no verdict
  received,      // uploaded after the last verdict (or never reviewed): waits for a caseworker
  accepted,
  unreadable,
  wrong,
  missing,
};
const char* to_string(DocumentStatus s);
// Outstanding: the citizen still has to bring or upload it.
bool outstanding(DocumentStatus s);

struct UploadFact {  // what the rules need of one upload
  std::string document;
  Instant uploaded_at{};
};

// The status of `document`: an upload newer than the verdict puts it back to "received" (the
// citizen sent a new file after a rejection); otherwise the verdict counts, else the uploads.
DocumentStatus document_status(const std::string& document, const std::vector<UploadFact>& uploads,
                               const std::vector<DocumentReview>& reviews);

// The day the reminder is due: `working_days` working days (Monday to Friday, not a public holiday
// of Rhineland-Palatinate, not a closure of the location) before the appointment's day.
LocalDate reminder_day(const Location& location, LocalDate appointment_day, int working_days);

}  // namespace amt
