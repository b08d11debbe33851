// `amtstermin serve`: every part of the server wired together, from the store to the routes of the
// API, the citizen pages, the staff area, the kiosk boards and the call display.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include "api/routes.hpp"
#include "app/booking.hpp"
#include "app/catalog_watch.hpp"
#include "app/periodic_task.hpp"
#include "app/secrets.hpp"
#include "app/tickets.hpp"
#include "app/waitlist.hpp"
#include "cli/commands.hpp"
#include "cli/settings.hpp"
#include "http/server.hpp"
#include "store/store.hpp"
#include "web/display/display_routes.hpp"
#include "web/kiosk/kiosk.hpp"
#include "web/routes.hpp"
#include "web/staff/staff_area.hpp"

namespace amt::cli {

int serve(const Config& config) {
  // glibc gives each new thread its own malloc arena (up to 8 per core), and each keeps the peak of
  // the requests it served: with 100,000 appointments that alone took RSS past the 64 MB target
  // (docs/benchmarks.md). Two arenas served as many requests per second in the same run.
  mallopt(M_ARENA_MAX, 2);
  auto store = store::open_store(config.database.url, {config.database.pool_size});
  store->migrate();
  if (!store->has_catalog()) spdlog::warn("the database has no locations yet; run 'amtstermin seed-demo'");
  if (!config.altcha.enabled) spdlog::warn("proof of work on public booking is switched off (altcha.enabled)");
  const app::Clock clock = make_clock(config);
  app::CatalogHolder catalogs(*store, config.emergency.minutes_per_day);
  const app::CatalogWatch catalog_watch(catalogs, std::chrono::seconds{1});
  const std::string secret = manage_token_secret(config);
  // Anti-bot proof and rate limits on public booking (issue #3, item 6).
  const app::ProofOfWork proof_of_work({app::sha256_hex("altcha:" + secret), config.altcha.max_number,
                                        std::chrono::minutes{config.altcha.validity_minutes},
                                        std::chrono::seconds{config.altcha.fallback_wait_seconds}},
                                       clock);
  const app::ProofOfWork* proof = config.altcha.enabled ? &proof_of_work : nullptr;
  http::BookingRateLimits booking_limits(config.rate_limit.booking_per_ip, config.rate_limit.booking_per_contact,
                                         std::chrono::minutes{config.rate_limit.window_minutes});
  app::Bookings bookings(*store, catalogs, clock,
                         {config.booking.max_active_per_contact, config.booking.max_query_days, secret,
                          config.mail.public_url, proof, config.waitlist.hold_minutes});
  // The waitlist (issue #8 item 3): holds that ran out go to the next in line, and times that became
  // free without a cancellation are offered, every check_seconds and within a second of a change
  // of the reference data (admin pages, absences; also another server's).
  app::Waitlist waitlist(*store, catalogs, clock, {secret, config.mail.public_url, config.waitlist.hold_minutes});
  const app::PeriodicTask waitlist_holds("waitlist", std::chrono::seconds(1), [&waitlist, &config] {
    waitlist.maintain(std::chrono::steady_clock::now(), std::chrono::seconds(config.waitlist.check_seconds));
  });
  std::unique_ptr<app::MailWorker> mail_worker = start_mail_worker(config, *store, clock);
  std::unique_ptr<app::OutboxWorker> sms_worker = start_sms_worker(config, *store, clock);  // issue #8
  const app::SocialSettings social = social_settings(config);  // issue #8 item 4: posts of published news
  std::unique_ptr<app::OutboxWorker> social_worker = start_social_worker(config, social, *store, clock);

  http::Metrics metrics;
  http::Router router;
  app::Documents documents(*store, catalogs, bookings, clock, upload_settings(config));
  api::ApiContext context{bookings, catalogs, *store, metrics, &documents, &proof_of_work, &booking_limits};
  api::add_routes(router, context);
  api::add_waitlist_routes(router, waitlist, &booking_limits, clock);
  // Citizen web pages: templates and catalogs are compiled in; the CSRF key derives from the secret.
  http::StaticFiles static_files;
  web::add_builtin_static_files(static_files);
  const web::Templates templates(web::Templates::builtin_sources(), app::Translations::builtin());
  const http::Csrf csrf(app::sha256_hex("csrf:" + secret));
  app::NewsBoard news(*store, clock);  // issue #8: /news, /news.atom, /api/v1/news, the pinned banner
  api::add_news_routes(router, news);
  // Appointment reminders by e-mail and SMS (issue #8 item 1): queued in the outbox like the
  // document reminders, claimed per appointment, channel and start so they go out once.
  app::Reminders appointment_reminders(*store, catalogs, clock, bookings, reminder_settings(config));
  if (!appointment_reminders.enabled()) spdlog::info("appointment reminders are switched off (reminders.enabled)");
  web::CitizenContext citizen{bookings,
                              catalogs,
                              {app::Translations::builtin(), templates, csrf, static_files, &news},
                              proof,
                              &booking_limits,
                              &documents};
  citizen.waitlist = &waitlist;
  citizen.reminders = &appointment_reminders;
  web::add_citizen_routes(router, citizen);
  web::staff::StaffSettings staff_setup = staff_settings(config);
  staff_setup.precheck.upload_dir = upload_settings(config).dir;  // the pre-check shows the uploads
  web::staff::StaffArea staff(*store, clock, csrf, static_files, router, staff_setup, &bookings, &catalogs);
  // The deadline reminder about missing documents (issue #7): once a minute, on its own thread, so
  // reminders are queued in the outbox even while mail delivery is off (a sender picks them up
  // later); the outbox's dedupe key keeps it to one reminder per appointment. Declared after the
  // staff area, so it stops before the staff area goes.
  const app::PeriodicTask reminders("document reminders", std::chrono::minutes(1),
                                    [reviews = staff.reviews()] {
                                      if (reviews) reviews->send_reminders();
                                    });
  // News whose publish time arrives get their social posts queued (issue #8 item 4), on every
  // server: the announcement mark keeps it to once per item. It runs without social targets too,
  // so items published meanwhile are not posted later when targets are configured.
  const app::PeriodicTask news_announcements("news announcements", std::chrono::seconds(config.social.check_seconds),
                                             [desk = staff.news_desk()] {
                                               if (desk) desk->announce_due();
                                             });
  // The reminder run, declared after everything it uses so it stops first.
  const app::PeriodicTask reminder_task("appointment reminders", std::chrono::seconds{config.reminders.interval_seconds},
                                        [&appointment_reminders] { appointment_reminders.run(); });
  // Kiosk boards in the entrance hall (issue #5): check-in, emergency and walk-in tickets.
  app::Tickets tickets(*store, catalogs, clock, staff_settings(config).tickets);
  web::kiosk::KioskContext kiosk{tickets, catalogs, *store, templates, app::Translations::builtin(), static_files,
                                 {config.kiosk.idle_seconds, config.kiosk.health_poll_seconds,
                                  config.kiosk.emergency_situations, config.mail.public_url},
                                 &bookings};
  web::kiosk::add_kiosk_routes(router, kiosk);
  // Call display (issue #5): server-sent events from the call feed to /display/{location}.
  http::EventHub event_hub({static_cast<std::size_t>(std::max(1, config.http.max_event_streams)),
                            std::chrono::seconds{std::max(1, config.http.event_heartbeat_seconds)}});
  app::CallFeed call_feed(*store, catalogs, clock, web::publish_to(event_hub), web::audience_of(event_hub));
  call_feed.on_queue_change(web::publish_queue_to(event_hub));  // reception and desk pages (issue #5)
  staff.go_live(call_feed, event_hub);
  web::DisplayContext display{call_feed, event_hub, catalogs, citizen.site};
  web::add_display_routes(router, display);

  http::ServerOptions options;
  options.listen = config.http.listen;
  options.io_threads = config.http.io_threads;
  options.worker_threads = config.http.worker_threads;
  options.max_body_bytes = static_cast<std::size_t>(config.http.max_body_kb) * 1024;
  // Only document uploads may send more: one file, plus a little so that a file just over the limit
  // still reaches the handler and gets its clear 413 problem answer.
  options.large_body_bytes = static_cast<std::size_t>(config.upload.max_kb + 64) * 1024;
  options.allows_large_body = [](std::string_view method, std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    return method == "POST" && (path.starts_with("/api/v1/bookings/") || path.starts_with("/manage/")) &&
           path.ends_with("/documents");
  };
  options.too_large_redirect = web::too_large_upload_redirect;
  options.read_timeout = std::chrono::seconds{config.http.read_timeout_seconds};
  options.idle_timeout = std::chrono::seconds{config.http.idle_timeout_seconds};
  options.access_log = config.http.access_log;
  http::Server server(options, router, metrics);
  spdlog::info("amtstermin {} listening on http://{} (port {})", AMT_VERSION, config.http.listen, server.port());
  server.run();
  call_feed.stop();  // nothing may reach the connections while the server tears them down
  event_hub.stop();
  if (mail_worker) mail_worker->stop();  // finishes the mail in flight; the rest stays queued
  if (sms_worker) sms_worker->stop();
  if (social_worker) social_worker->stop();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace amt::cli
