// Pieces the absence pages share (absence_pages*.cpp only): the request a form describes, the
// actor, and the plan review page.
#pragma once

#include <map>
#include <optional>

#include "app/absences.hpp"
#include "http/form.hpp"
#include "web/staff/staff_routes.hpp"

namespace amt::web::staff::absence {

app::AbsenceActor actor(const StaffRequest& r);

// The absence the record form (staff, kind days|now, from, to, reason) or a plan page's hidden
// fields (staff, from_at, to_at as seconds since the epoch) describe; field errors when neither parses.
app::Result<app::AbsenceRequest> request_from(const StaffRequest& r, const Catalog& catalog, Instant now);

// The per-row choices a plan page posts back (assign.<appointment id>).
std::map<Id, Id> assignments_from(const http::Fields& form);

// The plan for review: one row per appointment with a select for team leads; `chosen` keeps what
// was posted, `errors` go next to their rows; `stale` says the day changed since the last plan.
http::Response plan_page(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const app::AbsencePlan& plan,
                         int status, const std::map<Id, Id>& chosen = {},
                         const std::vector<app::FieldError>& errors = {}, bool stale = false);

// /staff/absences/{id} with its end and delete forms (team leads; absence_change_pages.cpp).
void add_change_pages(StaffRoutes& routes);

}  // namespace amt::web::staff::absence
