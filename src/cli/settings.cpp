// The configuration read into the server's parts (see settings.hpp).
#include "cli/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "app/secrets.hpp"

namespace amt::cli {

std::string manage_token_secret(const Config& config) {
  if (!config.security.secret.empty()) return config.security.secret;
  const std::string& url = config.database.url;
  if (!url.starts_with("sqlite:"))
    throw std::runtime_error("security.secret (AMTSTERMIN_SECURITY_SECRET) is required with " + url);
  const auto path = std::filesystem::path(url.substr(7)).replace_extension(".key");
  if (std::ifstream in{path}; in) {
    std::string secret;
    std::getline(in, secret);
    if (secret.size() >= 32) return secret;
  }
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  const std::string secret = app::random_nonce() + app::random_nonce();
  const mode_t old_mask = ::umask(077);
  std::ofstream out{path, std::ios::trunc};
  ::umask(old_mask);
  out << secret << '\n';
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return secret;
}

app::Clock make_clock(const Config& config) {
  if (config.clock.now.empty()) return app::Clock{};
  const auto start = parse_rfc3339(config.clock.now);
  if (!start) throw std::runtime_error("clock.now must be RFC 3339 with an offset: " + config.clock.now);
  spdlog::warn("THE CLOCK IS FIXED: 'now' starts at {} and runs forward from there (clock.now)",
               format_rfc3339_utc(*start));
  return app::Clock{*start};
}

// Uploaded files live outside any web root: by default in "uploads" next to the SQLite file.
app::UploadSettings upload_settings(const Config& config) {
  std::filesystem::path dir = config.upload.dir;
  if (dir.empty()) {
    const std::string& url = config.database.url;
    if (!url.starts_with("sqlite:")) throw std::runtime_error("upload.dir (AMTSTERMIN_UPLOAD_DIR) is required with " + url);
    dir = std::filesystem::path(url.substr(7)).parent_path() / "uploads";
  }
  return {dir, static_cast<std::size_t>(config.upload.max_kb) * 1024, config.upload.max_files};
}

std::unique_ptr<app::MailWorker> start_mail_worker(const Config& config, store::Store& store, const app::Clock& clock) {
  const auto& m = config.mail;
  if (m.smtp_url.empty()) {
    spdlog::warn("mail delivery is off (mail.smtp_url is empty); mails stay queued in the outbox");
    return nullptr;
  }
  app::MailSettings settings{m.smtp_url, m.from, m.username, m.password, m.starttls, m.timeout_seconds,
                             std::chrono::milliseconds{m.poll_ms}};
  app::RetryPolicy retry{std::chrono::seconds{m.retry_base_seconds}, std::chrono::seconds{m.retry_max_seconds},
                         m.max_attempts};
  spdlog::info("mail delivery through {}", m.smtp_url);
  return app::make_mail_worker(store, clock, settings, retry, app::random_unit);
}

namespace {

// The secret named by sms.secret_env, read from the process environment once at start.
std::string sms_secret(const Config::Sms& s) {
  if (s.secret_env.empty()) return {};
  const char* value = std::getenv(s.secret_env.c_str());
  if (value == nullptr || *value == '\0')
    throw std::runtime_error("sms.secret_env names " + s.secret_env + ", but that environment variable is not set");
  return value;
}

// "https://gateway.example" of the URL: its path or query may carry a key, so only this is logged.
std::string sms_gateway_origin(const std::string& url) {
  const auto host = url.find("://");
  return url.substr(0, host == std::string::npos ? 0 : url.find_first_of("/?#", host + 3));
}

}  // namespace

std::unique_ptr<app::OutboxWorker> start_sms_worker(const Config& config, store::Store& store, const app::Clock& clock) {
  const auto& s = config.sms;
  if (s.url.empty()) {
    spdlog::warn("SMS delivery is off (sms.url is empty); SMS stay queued in the outbox");
    return nullptr;
  }
  app::SmsGatewaySettings settings;
  try {
    settings = {s.url, s.method, s.headers, sms_secret(s), s.body,
                s.body_format == "form" ? app::SmsBodyFormat::form : app::SmsBodyFormat::json, s.country_code,
                app::parse_status_ranges(s.success_status), s.success_body, app::parse_status_ranges(s.permanent_status),
                s.timeout_seconds, std::chrono::milliseconds{s.poll_ms}};
    app::check_sms_settings(settings);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("[sms]: ") + e.what());
  }
  const app::RetryPolicy retry{std::chrono::seconds{s.retry_base_seconds}, std::chrono::seconds{s.retry_max_seconds},
                               s.max_attempts};
  spdlog::info("SMS delivery through the gateway at {}", sms_gateway_origin(s.url));
  return app::make_sms_worker(store, clock, settings, retry, app::random_unit);
}

namespace {

// The value of the environment variable `name` names; "" when no name is given.
std::string secret_from_env(const std::string& name, const char* key) {
  if (name.empty()) return {};
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string(key) + " names " + name + ", but that environment variable is not set");
  return value;
}

}  // namespace

app::SocialSettings social_settings(const Config& config) {
  const auto& s = config.social;
  app::SocialSettings settings;
  settings.public_url = config.mail.public_url;
  settings.mastodon_url = s.mastodon_url;
  settings.mastodon_visibility = s.mastodon_visibility;
  settings.mastodon_format = s.mastodon_format == "form" ? app::SocialBodyFormat::form : app::SocialBodyFormat::json;
  settings.webhook_url = s.webhook_url;
  settings.webhook_secret_header = s.webhook_secret_header;
  settings.timeout_seconds = s.timeout_seconds;
  settings.poll = std::chrono::milliseconds{s.poll_ms};
  try {
    if (!s.mastodon_url.empty()) settings.mastodon_token = secret_from_env(s.mastodon_token_env, "social.mastodon_token_env");
    if (!s.webhook_url.empty()) settings.webhook_secret = secret_from_env(s.webhook_secret_env, "social.webhook_secret_env");
    app::check_social_settings(settings);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("[social]: ") + e.what());
  }
  return settings;
}

std::unique_ptr<app::OutboxWorker> start_social_worker(const Config& config, const app::SocialSettings& settings,
                                                       store::Store& store, const app::Clock& clock) {
  if (!settings.any()) {
    spdlog::info("no social posts for news (social.mastodon_url and social.webhook_url are empty)");
    return nullptr;
  }
  const auto& s = config.social;
  const app::RetryPolicy retry{std::chrono::seconds{s.retry_base_seconds}, std::chrono::seconds{s.retry_max_seconds},
                               s.max_attempts};
  if (!settings.mastodon_url.empty()) spdlog::info("news are posted to Mastodon at {}", sms_gateway_origin(settings.mastodon_url));
  if (!settings.webhook_url.empty()) spdlog::info("news are posted to the webhook at {}", sms_gateway_origin(settings.webhook_url));
  return app::make_social_worker(store, clock, settings, retry, app::random_unit);
}

// Staff sign-in policy and cookie flag from [staff] (issue #4).
web::staff::StaffSettings staff_settings(const Config& config) {
  web::staff::StaffSettings s;
  s.policy.slow_after = config.staff.slow_after;
  s.policy.lock_after = config.staff.lock_after;
  s.policy.lock_for = std::chrono::minutes{config.staff.lock_minutes};
  s.policy.window = std::chrono::minutes{config.staff.lock_minutes};
  s.policy.idle_timeout = std::chrono::minutes{config.staff.idle_minutes};
  s.policy.absolute_timeout = std::chrono::hours{config.staff.absolute_hours};
  s.secure_cookies = config.staff.secure_cookies;
  s.public_url = config.mail.public_url;
  s.tickets.alarm_after = Minutes{config.queue.alarm_after_minutes};
  s.precheck.reminder_working_days = config.documents.reminder_working_days;
  s.social = social_settings(config);  // issue #8 item 4: what publishing news queues
  return s;
}

// Appointment reminders from [reminders] (issue #8 item 1); the times were checked by load_config.
app::ReminderSettings reminder_settings(const Config& config) {
  const auto& r = config.reminders;
  app::ReminderSettings s;
  s.enabled = r.enabled;
  s.rule.mail_lead = Minutes{r.mail_hours_before * 60};
  s.rule.sms_days_before = r.sms_days_before;
  s.rule.sms_time = parse_time(r.sms_time).value_or(hm(16));
  s.rule.quiet_from = parse_time(r.quiet_from).value_or(hm(20));
  s.rule.quiet_until = parse_time(r.quiet_until).value_or(hm(8));
  return s;
}

}  // namespace amt::cli
