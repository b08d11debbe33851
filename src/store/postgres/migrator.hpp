// Applies the embedded PostgreSQL migrations in version order, each in its own transaction.
#pragma once

#include "store/postgres/connection.hpp"

namespace amt::store::postgres {

void migrate(Connection& c);        // idempotent; servers migrating at once apply each version once
int schema_version(Connection& c);  // highest applied version, 0 on an empty database
int latest_version();               // highest embedded version for PostgreSQL

}  // namespace amt::store::postgres
