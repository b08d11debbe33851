// News written by admins (issue #8 item 4): create, change, unpublish and delete news items,
// each one audited transaction; and announcing: when an item is published (on saving, or when its
// publish time arrives: announce_due, run periodically) its social posts are queued in the outbox
// once, in the transaction that marks the item announced.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/administration.hpp"
#include "app/social_posts.hpp"
#include "core/news.hpp"

namespace amt::app {

// What an admin entered for an item.
struct NewsEdit {
  std::vector<NewsText> texts;        // every language with a title or a text; German is required
  bool draft = false;                 // keep it unpublished
  std::optional<Instant> publish_at;  // empty: now
  std::optional<Instant> expires_at;  // empty: never
  bool pinned = false;
};

// Where one social post of an item stands.
struct SocialDelivery {
  std::string target;  // "mastodon" or "webhook"
  store::OutboxStatus status = store::OutboxStatus::pending;
  int attempts = 0;
  std::string last_error;
  std::optional<Instant> sent_at;
};

struct NewsListing {
  NewsItem item;
  NewsState state = NewsState::draft;
  std::vector<SocialDelivery> social;  // one per post queued for it
};

// Field errors of an edit: title_<lang> and markdown_<lang> (required, too_long, invalid),
// expires_date (expires_before_publish).
std::vector<FieldError> check_news_edit(const NewsEdit& edit, Instant publish_at);
// A readable id from the German title: "neue-oeffnungszeiten".
Id news_slug(std::string_view title);

class NewsDesk {
 public:
  NewsDesk(store::Store& store, const Clock& clock, SocialSettings social)
      : store_(store), clock_(clock), social_(std::move(social)) {}

  std::vector<NewsListing> list();  // not deleted; drafts and scheduled first, then newest publication
  std::optional<NewsListing> find(const Id& id);  // empty when unknown or deleted

  // Each returns the item's id. Unknown (or deleted) ids are not_found. A published item keeps its
  // publish time and cannot become a draft again (readers have seen it: unpublish or delete it).
  Result<Id> create(const AdminActor& by, const NewsEdit& edit);
  Result<Id> change(const AdminActor& by, const Id& id, const NewsEdit& edit);
  // Takes a published item off the site now (its expiry becomes now); not_changeable otherwise.
  Result<Id> unpublish(const AdminActor& by, const Id& id);
  // Gone from the admin's list and every page; an item that was published stays as a tombstone.
  Result<Id> remove(const AdminActor& by, const Id& id);

  // Queues the posts of items whose publish time has come; returns how many items it announced.
  int announce_due();

 private:
  NewsListing listing(NewsItem item, Instant now);

  store::Store& store_;
  const Clock& clock_;
  SocialSettings social_;
};

}  // namespace amt::app
