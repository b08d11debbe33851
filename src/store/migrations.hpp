// Versioned schema migrations, one folder per database engine, compiled into the binary.
#pragma once

#include <string>
#include <vector>

namespace amt::store {

struct Migration {
  std::string engine;  // "sqlite" or "postgres": the folder under src/store/migrations
  int version;         // from the file name's leading number
  std::string name;    // file name
  std::string sql;
};

const std::vector<Migration>& embedded_migrations();  // generated, in version order per engine

}  // namespace amt::store
