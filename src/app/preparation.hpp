// The caseworker's day view (issue #7 item 2): today's and tomorrow's appointments in time order
// with concern, note, customer number, document states and earlier visits of the same customer
// number, and the "prepared" mark with a private note. A team lead sees the whole team and how many
// appointments are prepared. Location is checked here; every appointment shown is audited as read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/document_review.hpp"

namespace amt::app {

struct DayEntry {
  Appointment appointment;
  const Service* service = nullptr;  // null when retired
  const Staff* staff = nullptr;      // the caseworker; null when unknown
  DocumentStates states;
  std::optional<Preparation> preparation;
  std::vector<Appointment> earlier_visits;  // same customer number, before today, newest first
};

struct DayFilter {
  Id location;       // "" = the account's location
  std::string team;  // team leads only: "" = their own team, "*" = every team
};

struct DayView {
  std::shared_ptr<const CatalogSnapshot> snapshot;
  Id location;
  bool whole_team = false;   // a team lead's view
  std::string team;          // "" = every team
  LocalDate today{};
  std::vector<DayEntry> entries;  // today and tomorrow, by start time
  int prepared = 0;               // entries marked prepared
  std::optional<std::size_t> next;  // index of the next appointment not yet begun today or tomorrow
};

class Preparations {
 public:
  Preparations(store::Store& store, CatalogHolder& catalogs, DocumentReviews& reviews, const Clock& clock)
      : store_(store), catalogs_(catalogs), reviews_(reviews), clock_(clock) {}

  // Caseworkers see their own appointments; team leads their team's. not_found for a location the
  // account may not see.
  Result<DayView> day(const StaffAccount& account, const DayFilter& filter);
  // Sets or clears the mark and the private note (at most 2000 characters), audited.
  Result<Preparation> mark(const StaffAccount& account, std::string_view code, bool prepared, std::string_view note);
  // The private note and mark of one appointment the account may see (for the review page).
  std::optional<Preparation> of(const Appointment& a) const { return store_.preparation(a.id); }

 private:
  std::vector<Appointment> past_of_location(const Id& location, Instant before) const;

  store::Store& store_;
  CatalogHolder& catalogs_;
  DocumentReviews& reviews_;
  const Clock& clock_;
};

}  // namespace amt::app
