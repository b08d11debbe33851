// Configuration: working defaults, then an optional TOML file, then environment variables
// AMTSTERMIN_<SECTION>_<KEY> (e.g. AMTSTERMIN_HTTP_LISTEN), each later one winning.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

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
    int event_heartbeat_seconds = 15;  // comment line on every idle event stream (call displays)
    int max_event_streams = 4000;      // open event streams beyond it get 503
  } http;
  struct Database {
    std::string url = "sqlite:var/amtstermin.db";
    int pool_size = 8;  // PostgreSQL connections per server (SQLite ignores it)
  } database;
  struct Altcha {
    bool enabled = true;  // proof of work on public online booking (web form and POST /api/v1/bookings)
    int max_number = 100000;         // difficulty: the widget tries on average half as many hashes
    int validity_minutes = 30;       // how long a challenge (and a no-JavaScript wait token) stays usable
    int fallback_wait_seconds = 15;  // without JavaScript: how long a wait token is not yet valid
  } altcha;
  struct RateLimit {
    // Booking attempts per window (web confirm and POST /api/v1/bookings); 0 switches a limit off.
    int booking_per_ip = 30;
    int booking_per_contact = 6;
    int window_minutes = 60;
  } rate_limit;
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
  struct Mail {
    std::string smtp_url;  // smtp://host:port or smtps://...; empty: delivery off, mails stay queued
    std::string from = "amtstermin <noreply@localhost>";
    std::string username;
    std::string password;
    bool starttls = false;
    std::string public_url = "http://localhost:8080";  // base of links in mails
    int retry_base_seconds = 60;
    int retry_max_seconds = 3600;
    int max_attempts = 10;
    int poll_ms = 1000;
    int timeout_seconds = 30;
  } mail;
  struct Upload {
    int max_kb = 10240;  // per file; the HTTP body limit is raised to fit it on the upload route's behalf
    std::string dir;     // empty: "uploads" next to the SQLite file (outside any web root)
    int max_files = 20;  // per appointment
  } upload;
  struct Staff {
    // Staff sign-in (issue #4). secure_cookies: mark the staff session cookie Secure; set it when
    // the pages are served over TLS (also behind a TLS-terminating proxy).
    bool secure_cookies = false;
    int slow_after = 3;       // failed sign-ins of one login before each attempt waits
    int lock_after = 10;      // failures within lock_minutes that lock the login
    int lock_minutes = 15;
    int idle_minutes = 30;    // a session ends after this long without a request
    int absolute_hours = 10;  // and this long after sign-in, whatever happens
  } staff;
  struct Log {
    std::string level = "info";
  } log;
  struct Kiosk {  // kiosk boards in the entrance hall (issue #5)
    int idle_seconds = 60;  // back to the start screen, every value wiped, after this long untouched
    int health_poll_seconds = 5;  // how often the board checks the server is there ("one moment" screen)
    // Acute emergencies (Notlagen) that get an emergency ticket, in German (shown translated where
    // the catalog has a translation). Environment: AMTSTERMIN_KIOSK_EMERGENCY_SITUATIONS, ';'-separated.
    std::vector<std::string> emergency_situations = {
        "Ich habe heute kein Geld für Essen.", "Mir droht die Räumung meiner Wohnung.",
        "Mir wird der Strom oder die Heizung abgestellt.", "Ich habe heute Nacht keinen Schlafplatz."};
  } kiosk;
  struct Emergency {  // emergency capacity (issue #5 item 6), see docs/kiosk.md
    // Staff minutes per location and day held back from booking on every channel; 0: none.
    // Environment: AMTSTERMIN_EMERGENCY_MINUTES_PER_DAY.
    int minutes_per_day = 0;
  } emergency;
  struct Queue {  // the waiting queue on site (issue #5 item 3)
    int alarm_after_minutes = 30;  // an emergency waiting longer raises the alarm at reception
  } queue;
  struct Documents {  // document pre-check (issue #7), see docs/preparation.md
    // The one reminder about missing documents goes out this many working days before the
    // appointment. Environment: AMTSTERMIN_DOCUMENTS_REMINDER_WORKING_DAYS.
    int reminder_working_days = 2;
  } documents;
  struct Sms {  // SMS through an HTTP gateway (issue #8 item 2), see docs/sms.md
    std::string url;  // the gateway; empty: delivery off, SMS stay queued in the outbox
    std::string method = "POST";       // POST, PUT or GET
    std::vector<std::string> headers;  // "Name: value"; environment: ';'-separated
    // Name of the environment variable that holds the gateway's secret, filled in for {secret};
    // the secret itself is never in the configuration nor in the log.
    std::string secret_env;
    std::string body = R"({"to": "{number}", "text": "{text}", "reference": "{id}"})";
    std::string body_format = "json";  // json or form (application/x-www-form-urlencoded)
    std::string country_code = "49";   // for national numbers ("0151...") in {number}
    std::vector<std::string> success_status = {"200-299"};  // "200-299", "202", ...
    std::string success_body;          // "" = any body; else the answer must contain it
    std::vector<std::string> permanent_status;  // failures not worth retrying, e.g. {"400", "422"}
    int retry_base_seconds = 60;
    int retry_max_seconds = 3600;
    int max_attempts = 10;
    int poll_ms = 1000;
    int timeout_seconds = 10;
  } sms;
  struct Social {  // social posts when news is published (issue #8 item 4), see docs/news.md
    std::string mastodon_url;         // the instance's base URL; empty: no Mastodon posts
    std::string mastodon_token_env;   // name of the environment variable holding the access token
    std::string mastodon_visibility = "public";
    std::string mastodon_format = "json";  // json or form
    std::string webhook_url;          // empty: no webhook
    std::string webhook_secret_header;  // e.g. "X-Amtstermin-Secret"; empty: none
    std::string webhook_secret_env;   // name of the environment variable holding its value
    int check_seconds = 30;           // how often scheduled items are checked for their publish time
    int retry_base_seconds = 60;
    int retry_max_seconds = 3600;
    int max_attempts = 10;
    int poll_ms = 1000;
    int timeout_seconds = 10;
  } social;
  struct Waitlist {  // the waitlist (issue #8 item 3), see docs/waitlist.md
    int hold_minutes = 120;       // a freed time is held this long for the entry offered it, in office hours
    int check_seconds = 60;       // how often lapsed holds end and newly free times are swept to the list
  } waitlist;
  struct Reminders {  // appointment reminders (issue #8 item 1), see docs/reminders.md
    bool enabled = true;
    int mail_hours_before = 48;          // the e-mail goes out this long before the start
    int sms_days_before = 1;             // the SMS goes out this many days before the start's day...
    std::string sms_time = "16:00";      // ...at this local time (the location's zone)
    std::string quiet_from = "20:00";    // nothing leaves from here...
    std::string quiet_until = "08:00";   // ...to here, local time; a reminder due then waits for its end
    int interval_seconds = 60;           // how often the server looks for due reminders
  } reminders;
  struct Demo {
    std::string terminpflicht_from = "2027-03-15";
  } demo;
};

// Throws std::runtime_error naming the key when a value has the wrong type or the file is broken.
Config load_config(const std::optional<std::string>& file, const std::map<std::string, std::string>& env);
std::map<std::string, std::string> environment();  // the process environment, AMTSTERMIN_* only

}  // namespace amt
