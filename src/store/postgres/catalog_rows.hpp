// Reading and replacing the reference data (the Catalog) on one connection.
#pragma once

#include "core/model.hpp"
#include "store/postgres/connection.hpp"

namespace amt::store::postgres {

// Call inside a read transaction so all tables come from one snapshot.
Catalog load_catalog(Connection& c);
bool has_catalog(Connection& c);
std::int64_t catalog_version(Connection& c);
// Deletes all reference data and inserts catalog; appointments are not touched. Call inside a
// write transaction.
void replace_catalog(Connection& c, const Catalog& catalog);

}  // namespace amt::store::postgres
