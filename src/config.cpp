// One table of keys serves the TOML file and the environment, so they cannot drift apart.
#include "config.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <utility>
#include <variant>

#include <toml++/toml.h>

#include "core/time.hpp"

extern char** environ;

namespace amt {

namespace {

using Field = std::variant<std::string*, int*, bool*, std::vector<std::string>*>;
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
      {"http", "event_heartbeat_seconds", &c.http.event_heartbeat_seconds},
      {"http", "max_event_streams", &c.http.max_event_streams},
      {"database", "url", &c.database.url},
      {"database", "pool_size", &c.database.pool_size},
      {"altcha", "enabled", &c.altcha.enabled},
      {"altcha", "max_number", &c.altcha.max_number},
      {"altcha", "validity_minutes", &c.altcha.validity_minutes},
      {"altcha", "fallback_wait_seconds", &c.altcha.fallback_wait_seconds},
      {"rate_limit", "booking_per_ip", &c.rate_limit.booking_per_ip},
      {"rate_limit", "booking_per_contact", &c.rate_limit.booking_per_contact},
      {"rate_limit", "window_minutes", &c.rate_limit.window_minutes},
      {"clock", "now", &c.clock.now},
      {"booking", "max_active_per_contact", &c.booking.max_active_per_contact},
      {"booking", "max_query_days", &c.booking.max_query_days},
      {"security", "secret", &c.security.secret},
      {"mail", "smtp_url", &c.mail.smtp_url},
      {"mail", "from", &c.mail.from},
      {"mail", "username", &c.mail.username},
      {"mail", "password", &c.mail.password},
      {"mail", "starttls", &c.mail.starttls},
      {"mail", "public_url", &c.mail.public_url},
      {"mail", "retry_base_seconds", &c.mail.retry_base_seconds},
      {"mail", "retry_max_seconds", &c.mail.retry_max_seconds},
      {"mail", "max_attempts", &c.mail.max_attempts},
      {"mail", "poll_ms", &c.mail.poll_ms},
      {"mail", "timeout_seconds", &c.mail.timeout_seconds},
      {"upload", "max_kb", &c.upload.max_kb},
      {"upload", "dir", &c.upload.dir},
      {"upload", "max_files", &c.upload.max_files},
      {"staff", "secure_cookies", &c.staff.secure_cookies},
      {"staff", "slow_after", &c.staff.slow_after},
      {"staff", "lock_after", &c.staff.lock_after},
      {"staff", "lock_minutes", &c.staff.lock_minutes},
      {"staff", "idle_minutes", &c.staff.idle_minutes},
      {"staff", "absolute_hours", &c.staff.absolute_hours},
      {"log", "level", &c.log.level},
      {"demo", "terminpflicht_from", &c.demo.terminpflicht_from},
      {"documents", "reminder_working_days", &c.documents.reminder_working_days},
      {"kiosk", "idle_seconds", &c.kiosk.idle_seconds},
      {"kiosk", "health_poll_seconds", &c.kiosk.health_poll_seconds},
      {"kiosk", "emergency_situations", &c.kiosk.emergency_situations},
      {"emergency", "minutes_per_day", &c.emergency.minutes_per_day},
      {"queue", "alarm_after_minutes", &c.queue.alarm_after_minutes},
      {"social", "mastodon_url", &c.social.mastodon_url},
      {"social", "mastodon_token_env", &c.social.mastodon_token_env},
      {"social", "mastodon_visibility", &c.social.mastodon_visibility},
      {"social", "mastodon_format", &c.social.mastodon_format},
      {"social", "webhook_url", &c.social.webhook_url},
      {"social", "webhook_secret_header", &c.social.webhook_secret_header},
      {"social", "webhook_secret_env", &c.social.webhook_secret_env},
      {"social", "check_seconds", &c.social.check_seconds},
      {"social", "retry_base_seconds", &c.social.retry_base_seconds},
      {"social", "retry_max_seconds", &c.social.retry_max_seconds},
      {"social", "max_attempts", &c.social.max_attempts},
      {"social", "poll_ms", &c.social.poll_ms},
      {"social", "timeout_seconds", &c.social.timeout_seconds},
      {"sms", "url", &c.sms.url},
      {"sms", "method", &c.sms.method},
      {"sms", "headers", &c.sms.headers},
      {"sms", "secret_env", &c.sms.secret_env},
      {"sms", "body", &c.sms.body},
      {"sms", "body_format", &c.sms.body_format},
      {"sms", "country_code", &c.sms.country_code},
      {"sms", "success_status", &c.sms.success_status},
      {"sms", "success_body", &c.sms.success_body},
      {"sms", "permanent_status", &c.sms.permanent_status},
      {"sms", "retry_base_seconds", &c.sms.retry_base_seconds},
      {"sms", "retry_max_seconds", &c.sms.retry_max_seconds},
      {"sms", "max_attempts", &c.sms.max_attempts},
      {"sms", "poll_ms", &c.sms.poll_ms},
      {"sms", "timeout_seconds", &c.sms.timeout_seconds},
      {"waitlist", "hold_minutes", &c.waitlist.hold_minutes},
      {"waitlist", "check_seconds", &c.waitlist.check_seconds},
      {"reminders", "enabled", &c.reminders.enabled},
      {"reminders", "mail_hours_before", &c.reminders.mail_hours_before},
      {"reminders", "sms_days_before", &c.reminders.sms_days_before},
      {"reminders", "sms_time", &c.reminders.sms_time},
      {"reminders", "quiet_from", &c.reminders.quiet_from},
      {"reminders", "quiet_until", &c.reminders.quiet_until},
      {"reminders", "interval_seconds", &c.reminders.interval_seconds},
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
  } else if (auto* list = std::get_if<std::vector<std::string>*>(&k.field)) {
    (*list)->clear();  // ';'-separated; empty items are dropped
    for (std::size_t from = 0; from <= text.size();) {
      const std::size_t end = std::min(text.find(';', from), text.size());
      if (end > from) (*list)->push_back(text.substr(from, end - from));
      from = end + 1;
    }
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
  } else if (auto* list = std::get_if<std::vector<std::string>*>(&k.field)) {
    const toml::array* array = node.as_array();
    if (array == nullptr) throw bad("an array of strings");
    (*list)->clear();
    for (const toml::node& item : *array) {
      if (!item.is_string()) throw bad("an array of strings");
      (*list)->push_back(item.value<std::string>().value_or(""));
    }
  }
}

void check_reminders(const Config::Reminders& r) {
  if (r.mail_hours_before < 1 || r.mail_hours_before > 24 * 14)
    throw std::runtime_error("reminders.mail_hours_before must be between 1 and 336");
  if (r.sms_days_before < 0 || r.sms_days_before > 14)
    throw std::runtime_error("reminders.sms_days_before must be between 0 and 14");
  if (r.interval_seconds < 1) throw std::runtime_error("reminders.interval_seconds must be at least 1");
  for (const auto& [name, value] : {std::pair{"sms_time", &r.sms_time}, std::pair{"quiet_from", &r.quiet_from},
                                    std::pair{"quiet_until", &r.quiet_until}}) {
    const auto time = parse_time(*value);
    if (!time || time->minutes >= 24 * 60)
      throw std::runtime_error(std::string("reminders.") + name + " must be a time like 16:00");
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
  if (config.mail.retry_base_seconds < 1 || config.mail.retry_max_seconds < config.mail.retry_base_seconds ||
      config.mail.max_attempts < 1 || config.mail.poll_ms < 10 || config.mail.timeout_seconds < 1)
    throw std::runtime_error("mail: retry_base_seconds >= 1, retry_max_seconds >= retry_base_seconds, "
                             "max_attempts >= 1, poll_ms >= 10 and timeout_seconds >= 1 are required");
  if (config.upload.max_kb < 1 || config.upload.max_files < 1)
    throw std::runtime_error("upload.max_kb and upload.max_files must be at least 1");
  if (config.altcha.max_number < 1 || config.altcha.validity_minutes < 20 || config.altcha.fallback_wait_seconds < 0)
    throw std::runtime_error("altcha.max_number must be at least 1, altcha.validity_minutes at least 20 and "
                             "altcha.fallback_wait_seconds not negative");
  if (config.kiosk.idle_seconds < 5 || config.kiosk.health_poll_seconds < 1 || config.kiosk.emergency_situations.empty())
    throw std::runtime_error("kiosk.idle_seconds must be at least 5, kiosk.health_poll_seconds at least 1 and "
                             "kiosk.emergency_situations must not be empty");
  if (config.rate_limit.window_minutes < 1) throw std::runtime_error("rate_limit.window_minutes must be at least 1");
  if (config.documents.reminder_working_days < 1 || config.documents.reminder_working_days > 20)
    throw std::runtime_error("documents.reminder_working_days must be between 1 and 20");
  if (config.emergency.minutes_per_day < 0 || config.emergency.minutes_per_day > 24 * 60)
    throw std::runtime_error("emergency.minutes_per_day must be between 0 and 1440");
  if (config.queue.alarm_after_minutes < 1 || config.queue.alarm_after_minutes > 24 * 60)
    throw std::runtime_error("queue.alarm_after_minutes must be between 1 and 1440");
  if (config.sms.retry_base_seconds < 1 || config.sms.retry_max_seconds < config.sms.retry_base_seconds ||
      config.sms.max_attempts < 1 || config.sms.poll_ms < 10 || config.sms.timeout_seconds < 1)
    throw std::runtime_error("sms: retry_base_seconds >= 1, retry_max_seconds >= retry_base_seconds, "
                             "max_attempts >= 1, poll_ms >= 10 and timeout_seconds >= 1 are required");
  if (config.sms.body_format != "json" && config.sms.body_format != "form")
    throw std::runtime_error("sms.body_format must be json or form");
  const auto& so = config.social;
  if (so.retry_base_seconds < 1 || so.retry_max_seconds < so.retry_base_seconds || so.max_attempts < 1 ||
      so.poll_ms < 10 || so.timeout_seconds < 1 || so.check_seconds < 1)
    throw std::runtime_error("social: retry_base_seconds >= 1, retry_max_seconds >= retry_base_seconds, "
                             "max_attempts >= 1, poll_ms >= 10, timeout_seconds >= 1 and check_seconds >= 1 are required");
  if (so.mastodon_format != "json" && so.mastodon_format != "form")
    throw std::runtime_error("social.mastodon_format must be json or form");
  if (config.waitlist.hold_minutes < 1 || config.waitlist.hold_minutes > 7 * 24 * 60 || config.waitlist.check_seconds < 1)
    throw std::runtime_error("waitlist.hold_minutes must be between 1 and 10080, waitlist.check_seconds at least 1");
  check_reminders(config.reminders);
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
