// NewsDesk: every change of a news item is one write that reads the item (locked on PostgreSQL),
// checks the edit, saves it, queues its social posts when it is published now and not announced
// yet, and appends the audit entry.
#include "app/news_desk.hpp"

#include <algorithm>

namespace amt::app {
namespace {

void audit_news(store::WriteTx& tx, const AdminActor& by, Instant now, std::string action, const Id& id,
                std::string detail) {
  tx.append_audit({0, now, by.account_id, by.login, std::move(action), "news", id, std::move(detail)});
}

// Queues the posts of an item that is visible now and marks it announced, in the caller's write.
// An item whose expiry passed before it was ever announced is marked without posting.
void announce_in(store::WriteTx& tx, const SocialSettings& social, NewsItem& item, Instant now) {
  if (item.announced_at || !was_published(item, now) || item.deleted_at) return;
  if (is_visible(item, now))
    for (const store::OutboxMessage& m : social_posts(social, item, now)) tx.enqueue_outbox(m);
  item.announced_at = now;
}

Error unknown_news() {
  return {ErrorKind::not_found, "There is no such news item.", {{"id", "unknown", "There is no such news item."}}};
}

std::string german_title(const NewsEdit& edit) {
  for (const NewsText& t : edit.texts)
    if (t.language == "de") return t.title;
  return {};
}

// Announcing is a write, and on SQLite every write empties the availability caches: look first.
bool any_due(const std::vector<NewsItem>& items, Instant now) {
  return std::any_of(items.begin(), items.end(), [now](const NewsItem& i) {
    return !i.announced_at && !i.deleted_at && was_published(i, now);
  });
}

// The free id for a new item: its slug, else slug-2, slug-3, ... (tombstones keep theirs).
Id free_news_id(store::WriteTx& tx, const Id& slug) {
  if (!tx.news_item(slug)) return slug;
  for (int n = 2;; ++n)
    if (const Id id = slug + "-" + std::to_string(n); !tx.news_item(id)) return id;
}

std::string edit_detail(const NewsItem& item) {
  const NewsText* text = text_for(item, "de");
  std::string languages;
  for (const NewsText& t : item.texts) languages += (languages.empty() ? "" : ",") + t.language;
  return (text ? text->title : std::string()) + " [" + languages + "]" + (item.draft ? " draft" : "") +
         (item.pinned ? " pinned" : "") + " publish " + format_rfc3339_utc(item.publish_at);
}

}  // namespace

NewsListing NewsDesk::listing(NewsItem item, Instant now) {
  NewsListing l;
  l.state = news_state(item, now);
  for (std::string_view target : social_targets)
    if (auto m = store_.outbox_by_dedupe_key(social_dedupe_key(item.id, target)))
      l.social.push_back({std::string(target), m->status, m->attempts, m->last_error, m->sent_at});
  l.item = std::move(item);
  return l;
}

std::vector<NewsListing> NewsDesk::list() {
  const Instant now = clock_.now();
  std::vector<NewsItem> items = store_.news_items();
  std::erase_if(items, [](const NewsItem& i) { return i.deleted_at.has_value(); });
  std::stable_sort(items.begin(), items.end(), [now](const NewsItem& a, const NewsItem& b) {
    const bool a_open = !was_published(a, now), b_open = !was_published(b, now);
    if (a_open != b_open) return a_open;
    return a.publish_at > b.publish_at;
  });
  std::vector<NewsListing> out;
  for (NewsItem& item : items) out.push_back(listing(std::move(item), now));
  return out;
}

std::optional<NewsListing> NewsDesk::find(const Id& id) {
  const auto items = store_.news_items();
  const auto it = std::find_if(items.begin(), items.end(), [&](const NewsItem& i) { return i.id == id; });
  if (it == items.end() || it->deleted_at) return std::nullopt;
  return listing(*it, clock_.now());
}

Result<Id> NewsDesk::create(const AdminActor& by, const NewsEdit& edit) {
  const Instant now = clock_.now();
  const Instant publish_at = edit.publish_at.value_or(now);
  if (auto errors = check_news_edit(edit, publish_at); !errors.empty()) return invalid(std::move(errors));
  Id id;
  store_.write([&](store::WriteTx& tx) {
    NewsItem item;
    item.id = free_news_id(tx, news_slug(german_title(edit)));
    item.texts = edit.texts;
    item.publish_at = publish_at;
    item.expires_at = edit.expires_at;
    item.pinned = edit.pinned;
    item.updated_at = now;
    item.draft = edit.draft;
    announce_in(tx, social_, item, now);
    tx.save_news(item);
    audit_news(tx, by, now, "news.create", item.id, edit_detail(item));
    id = item.id;
  });
  return id;
}

Result<Id> NewsDesk::change(const AdminActor& by, const Id& id, const NewsEdit& edit) {
  const Instant now = clock_.now();
  std::optional<Error> refused;
  store_.write([&](store::WriteTx& tx) {
    refused.reset();
    auto item = tx.news_item(id);
    if (!item || item->deleted_at) return void(refused = unknown_news());
    const bool published = was_published(*item, now);
    std::vector<FieldError> errors;
    if (published && edit.draft)
      errors.push_back({"publication", "already_published", "Readers have seen it: unpublish or delete it instead."});
    const Instant publish_at = published ? item->publish_at : edit.publish_at.value_or(now);
    for (FieldError& e : check_news_edit(edit, publish_at)) errors.push_back(std::move(e));
    if (!errors.empty()) return void(refused = invalid(std::move(errors)).value());
    item->texts = edit.texts;
    item->publish_at = publish_at;
    item->expires_at = edit.expires_at;
    item->pinned = edit.pinned;
    item->draft = !published && edit.draft;
    item->updated_at = now;
    announce_in(tx, social_, *item, now);
    tx.save_news(*item);
    audit_news(tx, by, now, "news.change", id, edit_detail(*item));
  });
  if (refused) return tl::unexpected<Error>(*refused);
  return id;
}

Result<Id> NewsDesk::unpublish(const AdminActor& by, const Id& id) {
  const Instant now = clock_.now();
  std::optional<Error> refused;
  store_.write([&](store::WriteTx& tx) {
    refused.reset();
    auto item = tx.news_item(id);
    if (!item || item->deleted_at) return void(refused = unknown_news());
    if (news_state(*item, now) != NewsState::published)
      return void(refused = Error{ErrorKind::not_changeable, "Only a published item can be unpublished.", {}});
    // Gone at once, even when published this very second (an expiry must follow the publication).
    if (item->publish_at >= now) item->publish_at = now - std::chrono::seconds{1};
    item->expires_at = now;
    item->updated_at = now;
    tx.save_news(*item);
    audit_news(tx, by, now, "news.unpublish", id, "expires " + format_rfc3339_utc(*item->expires_at));
  });
  if (refused) return tl::unexpected<Error>(*refused);
  return id;
}

Result<Id> NewsDesk::remove(const AdminActor& by, const Id& id) {
  const Instant now = clock_.now();
  bool unknown = false;
  store_.write([&](store::WriteTx& tx) {
    auto item = tx.news_item(id);
    unknown = !item || item->deleted_at;
    if (unknown) return;
    if (was_published(*item, now)) {  // readers saw it: feeds must see it go
      item->deleted_at = now;
      item->updated_at = now;
      tx.save_news(*item);
      // A post still queued (the channel was down) must not announce what is gone.
      for (std::string_view target : social_targets) tx.withdraw_outbox_message(social_dedupe_key(id, target), now);
    } else {
      tx.delete_news(id);
    }
    audit_news(tx, by, now, "news.delete", id, edit_detail(*item));
  });
  if (unknown) return tl::unexpected<Error>(unknown_news());
  return id;
}

int NewsDesk::announce_due() {
  const Instant now = clock_.now();
  if (!any_due(store_.news_items(), now)) return 0;
  int announced = 0;
  store_.write([&](store::WriteTx& tx) {
    announced = 0;
    for (NewsItem& item : tx.news_to_announce(now)) {
      announce_in(tx, social_, item, now);
      tx.save_news(item);
      ++announced;
    }
  });
  return announced;
}

}  // namespace amt::app
