// Configuration: working defaults, then an optional TOML file, then environment variables
// AMTSTERMIN_<SECTION>_<KEY> (e.g. AMTSTERMIN_HTTP_LISTEN), each later one winning.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace amt {

struct Config {
  struct Http {
    std::string listen = "127.0.0.1:8080";
    int io_threads = 2;
    int worker_threads = 8;
    int max_body_kb = 1024;
    int read_timeout_seconds = 15;
    int idle_timeout_seconds = 30;
    bool access_log = true;
  } http;
  struct Database {
    std::string url = "sqlite:var/amtstermin.db";
    int pool_size = 8;  // PostgreSQL connections per server (SQLite ignores it)
  } database;
  struct Altcha {
    bool enabled = true;  // proof of work on public booking (the citizen web issue makes it bite)
  } altcha;
  struct Clock {
    std::string now;  // RFC 3339; the server starts its clock there (tests and demos)
  } clock;
  struct Booking {
    int max_active_per_contact = 3;
    int max_query_days = 62;
  } booking;
  struct Security {
    std::string secret;  // HMAC key for manage tokens; empty: a key file next to the SQLite file
  } security;
  struct Log {
    std::string level = "info";
  } log;
  struct Demo {
    std::string terminpflicht_from = "2027-03-15";
  } demo;
};

// Throws std::runtime_error naming the key when a value has the wrong type or the file is broken.
Config load_config(const std::optional<std::string>& file, const std::map<std::string, std::string>& env);
std::map<std::string, std::string> environment();  // the process environment, AMTSTERMIN_* only

}  // namespace amt
