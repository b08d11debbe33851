// Applies the embedded SQLite migrations in version order, each in its own transaction.
#pragma once

#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

void migrate(Connection& c);     // idempotent: applied versions are skipped
int schema_version(Connection& c);  // highest applied version, 0 on an empty database
int latest_version();               // highest embedded version for SQLite

}  // namespace amt::store::sqlite
