// The document pre-check's rules: verdict names, document status, the reminder's day.
#include "core/document_review.hpp"

#include <algorithm>

#include "core/calendar.hpp"

namespace amt {

namespace {
constexpr const char* state_names[] = {"accepted", "unreadable", "wrong", "missing"};
constexpr const char* status_names[] = {"not_received", "received", "accepted", "unreadable", "wrong", "missing"};

bool working_day(const Location& location, LocalDate d) {
  return weekday_index(d) < 5 && !is_public_holiday(d) &&
         std::find(location.closures.begin(), location.closures.end(), d) == location.closures.end();
}
}  // namespace

const char* to_string(ReviewState s) { return state_names[static_cast<int>(s)]; }

std::optional<ReviewState> review_state_from_string(std::string_view s) {
  for (int i = 0; i < 4; ++i)
    if (s == state_names[i]) return static_cast<ReviewState>(i);
  return std::nullopt;
}

bool is_review_reason(std::string_view code) {
  return std::find(std::begin(review_reasons), std::end(review_reasons), code) != std::end(review_reasons);
}

const char* to_string(DocumentStatus s) { return status_names[static_cast<int>(s)]; }

bool outstanding(DocumentStatus s) {
  return s == DocumentStatus::not_received || s == DocumentStatus::unreadable || s == DocumentStatus::wrong ||
         s == DocumentStatus::missing;
}

DocumentStatus document_status(const std::string& document, const std::vector<UploadFact>& uploads,
                               const std::vector<DocumentReview>& reviews) {
  std::optional<Instant> last_upload;
  for (const UploadFact& u : uploads)
    if (u.document == document && (!last_upload || u.uploaded_at > *last_upload)) last_upload = u.uploaded_at;
  const DocumentReview* review = nullptr;
  for (const DocumentReview& r : reviews)
    if (r.document == document && (!review || r.reviewed_at > review->reviewed_at)) review = &r;
  if (!review) return last_upload ? DocumentStatus::received : DocumentStatus::not_received;
  // Same second counts as seen: the caseworker reviewed what was there when the page was sent.
  if (last_upload && *last_upload > review->reviewed_at) return DocumentStatus::received;
  switch (review->state) {
    case ReviewState::accepted: return DocumentStatus::accepted;
    case ReviewState::unreadable: return DocumentStatus::unreadable;
    case ReviewState::wrong: return DocumentStatus::wrong;
    case ReviewState::missing: return DocumentStatus::missing;
  }
  return DocumentStatus::received;
}

LocalDate reminder_day(const Location& location, LocalDate appointment_day, int working_days) {
  LocalDate d = appointment_day;
  for (int counted = 0; counted < working_days;) {
    d -= date::days{1};
    if (working_day(location, d)) ++counted;
  }
  return d;
}

}  // namespace amt
