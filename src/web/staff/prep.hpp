// Pieces the document pre-check pages (prep_documents.cpp) and the day view (prep_day.cpp) share:
// document states and reasons as translated labels, an appointment's documents as template data,
// and the preparation form.
#pragma once

#include <string>

#include "app/preparation.hpp"
#include "web/staff/console.hpp"

namespace amt::web::staff::prep {

std::string status_label(const StaffPage& page, DocumentStatus s);
std::string reason_label(const StaffPage& page, std::string_view reason);
// "/staff/documents/{code}" and its steps ("review", "prepare", "file/{id}").
std::string review_path(std::string_view code, std::string_view step = {});

// Per required document: name, status label and class, verdict, files; plus other uploads.
Data states_data(const StaffPage& page, const app::DocumentStates& states, std::string_view code);
// The prepared mark and private note, with where the form returns to ("day" or "review").
Data preparation_data(const std::optional<Preparation>& p, std::string_view code, std::string_view back);

}  // namespace amt::web::staff::prep
