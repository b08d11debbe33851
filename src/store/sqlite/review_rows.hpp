// Document reviews and preparation marks (issue #7) on one SQLite connection.
#pragma once

#include <optional>
#include <vector>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

void save_document_review(Connection& c, const DocumentReview& r);
std::vector<DocumentReview> document_reviews(Connection& c, const Id& appointment_id);
void save_preparation(Connection& c, const Preparation& p);
std::optional<Preparation> preparation(Connection& c, const Id& appointment_id);

}  // namespace amt::store::sqlite
