// News items about booking (Neuigkeiten) as plain values, and the pure rules of what is shown when:
// only published, unexpired items, in the reader's language with German as the fallback.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace amt {

struct NewsText {
  std::string language;  // "de", "en", "uk", "ar", "tr", "ru"
  std::string title;
  std::string markdown;  // the source; rendered (raw HTML stripped) by the app layer
  friend bool operator==(const NewsText&, const NewsText&) = default;
};

struct NewsItem {
  Id id;
  std::vector<NewsText> texts;  // German always; other languages optional
  Instant publish_at;
  std::optional<Instant> expires_at;  // not shown from this instant on
  bool pinned = false;                // shown as a banner on every citizen page
  Instant updated_at;
  bool draft = false;                 // written but not to be published (Entwurf)
  // Deleted by an admin after it had been shown: kept as a tombstone, never shown again, but its
  // deletion is a change feeds must see. Items deleted before they were shown leave no trace.
  std::optional<Instant> deleted_at;
  // When its social posts were queued (at most once per item); empty: not yet.
  std::optional<Instant> announced_at;
  friend bool operator==(const NewsItem&, const NewsItem&) = default;
};

bool is_visible(const NewsItem& item, Instant now);

// Where an item stands for the admin's list. Deleted items are not listed at all.
enum class NewsState { draft, scheduled, published, expired };
NewsState news_state(const NewsItem& item, Instant now);
const char* to_string(NewsState state);  // "draft", "scheduled", "published", "expired"
// Once published (not a draft, publish time reached), an item has been seen: it keeps its publish
// time, and deleting it leaves a tombstone.
bool was_published(const NewsItem& item, Instant now);
// Visible items, pinned first, then the newest publication first.
std::vector<NewsItem> visible_news(std::vector<NewsItem> items, Instant now);
// The text in language, else the German one, else the first; nullptr when the item has none.
const NewsText* text_for(const NewsItem& item, const std::string& language);
// When what is visible at now last changed: an edit, a publication or an expiry that has happened.
// Empty when nothing was ever visible.
std::optional<Instant> news_last_change(const std::vector<NewsItem>& items, Instant now);

}  // namespace amt
