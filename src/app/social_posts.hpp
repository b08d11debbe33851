// Social posts when a news item is published (issue #8 item 4): a Mastodon-compatible
// `POST /api/v1/statuses` and/or a generic JSON webhook, each one outbox row per item (channel
// "webhook"), delivered by an OutboxWorker with retries. See docs/news.md.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/outbox_worker.hpp"
#include "core/news.hpp"

namespace amt::app {

inline constexpr std::string_view social_channel = "webhook";

enum class SocialBodyFormat { json, form };

struct SocialSettings {
  std::string public_url = "http://localhost:8080";  // the citizen site: the post links the item there
  std::string mastodon_url;    // the instance's base URL, e.g. https://social.bund.de; "" = no toots
  std::string mastodon_token;  // the access token (from the environment); never logged nor stored
  std::string mastodon_visibility = "public";  // public, unlisted, private or direct
  SocialBodyFormat mastodon_format = SocialBodyFormat::json;
  std::string webhook_url;     // "" = no webhook
  std::string webhook_secret_header;  // e.g. "X-Amtstermin-Secret"; "" = none
  std::string webhook_secret;  // its value (from the environment); never logged nor stored
  int timeout_seconds = 10;
  std::chrono::milliseconds poll{1000};

  bool any() const { return !mastodon_url.empty() || !webhook_url.empty(); }
};

// Throws std::invalid_argument saying what is wrong (checked once at start).
void check_social_settings(const SocialSettings& settings);

// "news:<id>:mastodon" / "news:<id>:webhook": the outbox's dedupe key of an item's post, also sent
// as the Idempotency-Key header, so a retry of an unclear attempt cannot post twice.
std::string social_dedupe_key(const Id& news_id, std::string_view target);
inline constexpr std::string_view social_targets[] = {"mastodon", "webhook"};
// The item on the citizen site.
std::string news_link(std::string_view public_url, const Id& news_id);

// One outbox row per configured target for an item that is published now; the body is rendered
// from the German text at queue time (what is posted matches what was published).
std::vector<store::OutboxMessage> social_posts(const SocialSettings& settings, const NewsItem& item, Instant now);

// What an answer means: 2xx sent; 408, 429 and 5xx worth retrying; any other status refused for good.
SendOutcome judge_social_answer(long status, std::string_view body);

OutboxSender social_sender(const SocialSettings& settings, const std::atomic<bool>& stopping);
std::unique_ptr<OutboxWorker> make_social_worker(store::Store& store, const Clock& clock,
                                                 const SocialSettings& settings, const RetryPolicy& retry,
                                                 std::function<double()> random01);

}  // namespace amt::app
