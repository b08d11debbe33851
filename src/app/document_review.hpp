// The document pre-check's use cases (Unterlagenprüfung, issue #7): the work list per location and
// team, one appointment's documents for review, a stored file for the staff viewer, the verdicts
// (with the message to the citizen), and the one reminder before the deadline. Role is checked by
// the staff route table; location is checked here, and every read of a document is audited.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/booking.hpp"
#include "app/document_states.hpp"
#include "core/staff_account.hpp"

namespace amt::app {

struct PrecheckSettings {
  std::filesystem::path upload_dir;  // where Documents stores files (named by SHA-256)
  int reminder_working_days = 2;     // the reminder goes out this many working days before
  int work_list_days = 28;           // how far ahead the work list looks
};

// One appointment with what the caseworker needs to check its documents.
struct AppointmentDocuments {
  Appointment appointment;
  std::shared_ptr<const CatalogSnapshot> snapshot;  // keeps service and staff alive
  const Service* service = nullptr;                 // null when retired
  DocumentStates states;
};

struct WorkListFilter {
  Id location;       // "" = the account's location (accounts without one: the first location)
  std::string team;  // "" = the account's own team (everyone when it has none); "*" = every team
};

struct WorkList {
  Id location;
  std::string team;                       // "" = every team
  std::vector<std::string> teams;         // the location's teams, for the filter
  std::vector<AppointmentDocuments> items;  // by start time
};

// One verdict as the form sends it; an empty state leaves that document as it is.
struct ReviewInput {
  std::string document;
  std::string state;    // accepted | unreadable | wrong | missing
  std::string reason;   // a code of review_reasons
  std::string comment;  // at most 500 characters
};

struct ReviewOutcome {
  AppointmentDocuments after;
  int reviewed = 0;         // verdicts saved
  int messages_queued = 0;  // e-mail and SMS to the citizen
};

struct DocumentFile {
  store::StoredDocument document;
  std::string content;
};

class DocumentReviews {
 public:
  DocumentReviews(store::Store& store, CatalogHolder& catalogs, Bookings& bookings, const Clock& clock,
                  PrecheckSettings settings)
      : store_(store), catalogs_(catalogs), bookings_(bookings), clock_(clock), settings_(std::move(settings)) {}

  // Future appointments with uploads or still-missing documents. not_found for a location the
  // account may not see.
  Result<WorkList> work_list(const StaffAccount& account, const WorkListFilter& filter) const;
  // One appointment by booking code, written to the audit log as read. not_found when unknown or
  // at a location the account may not see (the same answer: nothing is given away).
  Result<AppointmentDocuments> open(const StaffAccount& account, std::string_view code);
  // One uploaded file of that appointment, audited as "document.read".
  Result<DocumentFile> file(const StaffAccount& account, std::string_view code, std::string_view document_id);
  // Saves the verdicts; when one of them leaves a document outstanding, queues the message to the
  // citizen in the same transaction. validation errors name "documents.<i>.<field>".
  Result<ReviewOutcome> review(const StaffAccount& account, std::string_view code,
                               const std::vector<ReviewInput>& inputs);
  // One pass of the deadline reminder over every location; returns how many messages it queued.
  // Idempotent: a reminder is queued at most once per appointment (dedupe key in the outbox).
  int send_reminders();

  // The link that lets the citizen open the booking and upload (valid as long as the booking).
  std::string manage_link(const Appointment& a) const;
  // The booking with this code if the account may see its location (not audited).
  std::optional<Appointment> visible(const StaffAccount& account, std::string_view code) const;

 private:
  AppointmentDocuments documents_of(Appointment a) const;
  void audit(const StaffAccount& account, std::string action, std::string type, std::string id, std::string detail);

  store::Store& store_;
  CatalogHolder& catalogs_;
  Bookings& bookings_;
  const Clock& clock_;
  PrecheckSettings settings_;
};

// The team an appointment belongs to: its caseworker's team ("" when unassigned or unknown).
std::string team_of(const Catalog& catalog, const Appointment& a);
// The location a staff page shows to account: the requested one if the account may see it, else
// nullopt; "" asks for the account's own (or the first location for accounts without one).
std::optional<Id> location_for(const StaffAccount& account, const Catalog& catalog, const Id& requested);

}  // namespace amt::app
