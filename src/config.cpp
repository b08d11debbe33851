// One table of keys serves the TOML file and the environment, so they cannot drift apart.
#include "config.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <variant>

#include <toml++/toml.h>

extern char** environ;

namespace amt {

namespace {

using Field = std::variant<std::string*, int*, bool*>;
struct Key {
  std::string section;
  std::string name;
  Field field;
};

std::vector<Key> keys(Config& c) {
  return {
      {"http", "listen", &c.http.listen},
      {"http", "io_threads", &c.http.io_threads},
      {"http", "worker_threads", &c.http.worker_threads},
      {"http", "max_body_kb", &c.http.max_body_kb},
      {"http", "read_timeout_seconds", &c.http.read_timeout_seconds},
      {"http", "idle_timeout_seconds", &c.http.idle_timeout_seconds},
      {"http", "access_log", &c.http.access_log},
      {"database", "url", &c.database.url},
      {"database", "pool_size", &c.database.pool_size},
      {"altcha", "enabled", &c.altcha.enabled},
      {"clock", "now", &c.clock.now},
      {"booking", "max_active_per_contact", &c.booking.max_active_per_contact},
      {"booking", "max_query_days", &c.booking.max_query_days},
      {"security", "secret", &c.security.secret},
      {"log", "level", &c.log.level},
      {"demo", "terminpflicht_from", &c.demo.terminpflicht_from},
  };
}

std::string env_name(const Key& k) {
  std::string s = "AMTSTERMIN_" + k.section + "_" + k.name;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::toupper(ch); });
  return s;
}

void set_from_text(const Key& k, const std::string& text, const std::string& origin) {
  const auto bad = [&](const char* what) {
    return std::runtime_error(origin + ": " + k.section + "." + k.name + " must be " + what);
  };
  if (auto* s = std::get_if<std::string*>(&k.field)) {
    **s = text;
  } else if (auto* i = std::get_if<int*>(&k.field)) {
    try {
      size_t used = 0;
      **i = std::stoi(text, &used);
      if (used != text.size()) throw bad("a whole number");
    } catch (const std::logic_error&) {
      throw bad("a whole number");
    }
  } else if (auto* b = std::get_if<bool*>(&k.field)) {
    if (text == "true" || text == "1" || text == "yes") **b = true;
    else if (text == "false" || text == "0" || text == "no") **b = false;
    else throw bad("true or false");
  }
}

void set_from_toml(const Key& k, const toml::node& node, const std::string& origin) {
  const auto bad = [&](const char* what) {
    return std::runtime_error(origin + ": " + k.section + "." + k.name + " must be " + what);
  };
  if (auto* s = std::get_if<std::string*>(&k.field)) {
    if (!node.is_string()) throw bad("a string");
    **s = node.value<std::string>().value_or("");
  } else if (auto* i = std::get_if<int*>(&k.field)) {
    if (!node.is_integer()) throw bad("a whole number");
    **i = static_cast<int>(node.value<int64_t>().value_or(0));
  } else if (auto* b = std::get_if<bool*>(&k.field)) {
    if (!node.is_boolean()) throw bad("true or false");
    **b = node.value<bool>().value_or(false);
  }
}

}  // namespace

Config load_config(const std::optional<std::string>& file, const std::map<std::string, std::string>& env) {
  Config config;
  const auto table = keys(config);
  if (file) {
    toml::table doc;
    try {
      doc = toml::parse_file(*file);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(*file + ": " + std::string(e.description()));
    }
    for (const Key& k : table)
      if (const toml::node* node = doc[k.section][k.name].node()) set_from_toml(k, *node, *file);
  }
  for (const Key& k : table)
    if (auto it = env.find(env_name(k)); it != env.end()) set_from_text(k, it->second, env_name(k));
  if (config.http.io_threads < 1 || config.http.worker_threads < 1)
    throw std::runtime_error("http.io_threads and http.worker_threads must be at least 1");
  if (config.http.max_body_kb < 1) throw std::runtime_error("http.max_body_kb must be at least 1");
  return config;
}

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("AMTSTERMIN_")) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace amt
