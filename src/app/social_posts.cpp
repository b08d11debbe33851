// The social posts' outbox rows and their delivery: which request each target gets, and what its
// answer means. The access token and the webhook secret are added at delivery, never queued.
#include "app/social_posts.hpp"

#include <stdexcept>

#include <boost/json.hpp>

#include "app/http_call.hpp"
#include "app/secrets.hpp"
#include "app/sms_gateway.hpp"

namespace amt::app {
namespace {

std::string without_trailing_slash(std::string_view url) {
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string(url);
}

std::string mastodon_body(const SocialSettings& s, const std::string& status) {
  if (s.mastodon_format == SocialBodyFormat::form)
    return "status=" + form_encode(status) + "&visibility=" + form_encode(s.mastodon_visibility) + "&language=de";
  return boost::json::serialize(
      boost::json::object{{"status", status}, {"visibility", s.mastodon_visibility}, {"language", "de"}});
}

std::string webhook_body(const NewsItem& item, const std::string& title, const std::string& url) {
  return boost::json::serialize(boost::json::object{{"id", item.id},
                                                    {"title", title},
                                                    {"url", url},
                                                    {"published", format_rfc3339_utc(item.publish_at)},
                                                    {"pinned", item.pinned}});
}

store::OutboxMessage social_row(const NewsItem& item, std::string_view target, std::string recipient,
                                std::string body, const std::string& title, Instant now) {
  store::OutboxMessage m;
  m.id = random_nonce();
  m.channel = std::string(social_channel);
  m.kind = "news_" + std::string(target);
  m.recipient = std::move(recipient);
  m.subject = title;
  m.body = std::move(body);
  m.dedupe_key = social_dedupe_key(item.id, target);
  m.not_before = now;
  m.created_at = now;
  return m;
}

}  // namespace

std::string social_dedupe_key(const Id& news_id, std::string_view target) {
  return "news:" + news_id + ":" + std::string(target);
}

std::string news_link(std::string_view public_url, const Id& news_id) {
  return without_trailing_slash(public_url) + "/news#news-" + news_id;
}

void check_social_settings(const SocialSettings& s) {
  for (const std::string* url : {&s.mastodon_url, &s.webhook_url})
    if (!url->empty() && !url->starts_with("http://") && !url->starts_with("https://"))
      throw std::invalid_argument("social URLs must start with http:// or https://: " + *url);
  if (!s.mastodon_url.empty() && s.mastodon_token.empty())
    throw std::invalid_argument("social.mastodon_url needs an access token (social.mastodon_token_env)");
  if (s.mastodon_visibility != "public" && s.mastodon_visibility != "unlisted" && s.mastodon_visibility != "private" &&
      s.mastodon_visibility != "direct")
    throw std::invalid_argument("social.mastodon_visibility must be public, unlisted, private or direct");
  for (const std::string* v : {&s.mastodon_token, &s.webhook_secret, &s.webhook_secret_header})
    if (v->find_first_of("\r\n") != std::string::npos)
      throw std::invalid_argument("a social token, secret or header name contains a line break");
  if (!s.webhook_secret_header.empty() && s.webhook_secret.empty())
    throw std::invalid_argument("social.webhook_secret_header needs a secret (social.webhook_secret_env)");
}

std::vector<store::OutboxMessage> social_posts(const SocialSettings& s, const NewsItem& item, Instant now) {
  const NewsText* text = text_for(item, "de");
  if (!text) return {};
  const std::string url = news_link(s.public_url, item.id);
  std::vector<store::OutboxMessage> out;
  if (!s.mastodon_url.empty())
    out.push_back(social_row(item, "mastodon", without_trailing_slash(s.mastodon_url) + "/api/v1/statuses",
                             mastodon_body(s, text->title + "\n\n" + url), text->title, now));
  if (!s.webhook_url.empty())
    out.push_back(social_row(item, "webhook", s.webhook_url, webhook_body(item, text->title, url), text->title, now));
  return out;
}

SendOutcome judge_social_answer(long status, std::string_view body) {
  if (status >= 200 && status <= 299) return {true, false, ""};
  std::string error = "HTTP " + std::to_string(status);
  if (!body.empty()) error += ": " + std::string(body.substr(0, 200));
  const bool retry = status == 408 || status == 429 || status >= 500;
  return {false, !retry, scrub_secret(std::move(error), "")};
}

namespace {

class SocialSender {
 public:
  SocialSender(SocialSettings settings, const std::atomic<bool>& stopping)
      : settings_(std::move(settings)), http_(stopping) {}

  SendOutcome operator()(const store::OutboxMessage& m) {
    HttpCall call{m.recipient, "POST", {}, m.body, settings_.timeout_seconds};
    // JSON bodies start with '{'; a form body starts with its first field's name.
    call.headers.emplace_back(m.body.starts_with('{') ? "Content-Type: application/json"
                                                      : "Content-Type: application/x-www-form-urlencoded");
    call.headers.push_back("Idempotency-Key: " + m.dedupe_key);
    const std::string* secret = nullptr;
    if (m.kind == "news_mastodon") {
      secret = &settings_.mastodon_token;
      call.headers.push_back("Authorization: Bearer " + settings_.mastodon_token);
    } else if (!settings_.webhook_secret_header.empty()) {
      secret = &settings_.webhook_secret;
      call.headers.push_back(settings_.webhook_secret_header + ": " + settings_.webhook_secret);
    }
    const HttpReply reply = http_.perform(call);
    if (reply.aborted) return {false, false, std::string(aborted_by_shutdown)};
    const std::string_view hide = secret ? std::string_view(*secret) : std::string_view();
    if (!reply.reached) return {false, false, scrub_secret("not reached: " + reply.error, hide)};
    SendOutcome outcome = judge_social_answer(reply.status, reply.body);
    outcome.error = scrub_secret(std::move(outcome.error), hide);
    return outcome;
  }

 private:
  SocialSettings settings_;
  HttpCaller http_;
};

}  // namespace

OutboxSender social_sender(const SocialSettings& settings, const std::atomic<bool>& stopping) {
  auto sender = std::make_shared<SocialSender>(settings, stopping);
  return [sender](const store::OutboxMessage& m) { return (*sender)(m); };
}

std::unique_ptr<OutboxWorker> make_social_worker(store::Store& store, const Clock& clock,
                                                 const SocialSettings& settings, const RetryPolicy& retry,
                                                 std::function<double()> random01) {
  const OutboxWorkerSettings worker{std::string(social_channel), std::chrono::seconds{settings.timeout_seconds},
                                    settings.poll, retry};
  return std::make_unique<OutboxWorker>(
      store, clock, worker, [&](const std::atomic<bool>& stopping) { return social_sender(settings, stopping); },
      std::move(random01));
}

}  // namespace amt::app
