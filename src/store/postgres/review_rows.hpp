// Document reviews and preparation marks (issue #7) on one PostgreSQL connection.
#pragma once

#include <optional>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

void save_document_review(Connection& c, const DocumentReview& r);
std::vector<DocumentReview> document_reviews(Connection& c, const Id& appointment_id);
void save_preparation(Connection& c, const Preparation& p);
std::optional<Preparation> preparation(Connection& c, const Id& appointment_id);

}  // namespace amt::store::postgres
