// How the configuration becomes the server's parts: the secret, the clock, upload, mail and staff
// settings. Every command that needs one of them asks here, so they are read the same way.
#pragma once

#include <memory>
#include <string>

#include "app/clock.hpp"
#include "app/documents.hpp"
#include "app/mail_worker.hpp"
#include "app/reminders.hpp"
#include "app/sms_gateway.hpp"
#include "app/social_posts.hpp"
#include "config.hpp"
#include "web/staff/staff_area.hpp"

namespace amt::cli {

// Signs manage links, the CSRF key and the proof of work. Without a configured secret, a random one
// is kept in a file next to the SQLite database, readable only by the server's user, so manage
// links stay valid across restarts.
std::string manage_token_secret(const Config& config);

// The real clock, or one fixed at clock.now that runs on from there (tests and demos).
app::Clock make_clock(const Config& config);

app::UploadSettings upload_settings(const Config& config);

// Empty when no SMTP server is configured: mails then wait in the outbox.
std::unique_ptr<app::MailWorker> start_mail_worker(const Config& config, store::Store& store, const app::Clock& clock);

// Empty when no SMS gateway is configured (sms.url): SMS then wait in the outbox. Throws
// std::runtime_error on a broken [sms] section or a missing secret variable.
std::unique_ptr<app::OutboxWorker> start_sms_worker(const Config& config, store::Store& store, const app::Clock& clock);

// Social posts of published news (issue #8 item 4): the targets, with the token and secret read
// from the environment variables [social] names. Throws std::runtime_error when one is missing.
app::SocialSettings social_settings(const Config& config);
// Empty when no target is configured: nothing is queued then either.
std::unique_ptr<app::OutboxWorker> start_social_worker(const Config& config, const app::SocialSettings& settings,
                                                       store::Store& store, const app::Clock& clock);

web::staff::StaffSettings staff_settings(const Config& config);

// The appointment reminders' timing and switch (issue #8 item 1).
app::ReminderSettings reminder_settings(const Config& config);

}  // namespace amt::cli
