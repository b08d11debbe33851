// The PostgreSQL backend of the contract tests: a fresh database per test on the throw-away
// cluster the test run starts (tests/support/pg_cluster, the CTest fixture "postgres").
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

std::string next_database_name() {
  static std::atomic<int> counter{0};
  return "amt_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

}  // namespace

// No PostgreSQL at hand is a failure, not a reason to skip: the PostgreSQL store would otherwise
// go untested without anyone noticing.
std::string postgres_admin_url() {
  if (const char* url = std::getenv("AMTSTERMIN_TEST_POSTGRES_URL"); url && *url) return url;
  std::ifstream in(AMT_PG_URL_FILE);
  std::string url;
  if (!std::getline(in, url) || url.empty())
    throw std::runtime_error("no test PostgreSQL: set AMTSTERMIN_TEST_POSTGRES_URL or run "
                             "tests/support/pg_cluster start <build>/pg (ctest does it)");
  return url;
}

// The admin URL with another database name; its parameters ("?sslmode=...") stay.
std::string postgres_database_url(const std::string& database) {
  std::string admin = postgres_admin_url();
  const auto query = std::min(admin.find('?'), admin.size());
  const auto path = admin.rfind('/', query);
  return admin.substr(0, path + 1) + database + admin.substr(query);
}

void postgres_admin_exec(const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(postgres_admin_url().c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error(std::string("cannot reach the test PostgreSQL: ") + PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
}

namespace {

TestDatabase database_from(const std::string& create_sql, const std::string& name) {
  postgres_admin_exec(create_sql);
  return {postgres_database_url(name), [name] { postgres_admin_exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }};
}

// Migrated once per process and dropped at its end. Copying it is cheaper than running every
// migration again for each of the hundreds of tests.
class MigratedTemplate {
 public:
  MigratedTemplate() : name_("amt_template_" + std::to_string(getpid())) {
    postgres_admin_exec("CREATE DATABASE " + name_);
    open_store(postgres_database_url(name_))->migrate();  // closed again: a template takes no visitors
  }
  ~MigratedTemplate() {
    try {
      postgres_admin_exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {  // the cluster may already be gone; it is thrown away anyway
    }
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

}  // namespace

TestDatabase create_postgres_database() {
  const std::string name = next_database_name();
  return database_from("CREATE DATABASE " + name, name);
}

TestDatabase create_migrated_postgres_database() {
  static const MigratedTemplate migrated;
  const std::string name = next_database_name();
  return database_from("CREATE DATABASE " + name + " TEMPLATE " + migrated.name() + " STRATEGY FILE_COPY", name);
}

StoreBackend postgres_backend() {
  return {"postgres", "postgres", create_postgres_database, create_migrated_postgres_database};
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::Values(postgres_backend()),
                         [](const auto& info) { return info.param.name; });

}  // namespace amt::store::testing
