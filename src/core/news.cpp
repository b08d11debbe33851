// What news is shown when, and in which language.
#include "core/news.hpp"

#include <algorithm>

namespace amt {

bool is_visible(const NewsItem& item, Instant now) {
  if (item.draft || item.deleted_at || item.publish_at > now) return false;
  return !item.expires_at || now < *item.expires_at;
}

bool was_published(const NewsItem& item, Instant now) { return !item.draft && item.publish_at <= now; }

NewsState news_state(const NewsItem& item, Instant now) {
  if (item.draft) return NewsState::draft;
  if (item.publish_at > now) return NewsState::scheduled;
  if (item.expires_at && *item.expires_at <= now) return NewsState::expired;
  return NewsState::published;
}

const char* to_string(NewsState state) {
  switch (state) {
    case NewsState::draft: return "draft";
    case NewsState::scheduled: return "scheduled";
    case NewsState::published: return "published";
    case NewsState::expired: return "expired";
  }
  return "draft";
}

std::vector<NewsItem> visible_news(std::vector<NewsItem> items, Instant now) {
  std::erase_if(items, [now](const NewsItem& item) { return !is_visible(item, now); });
  std::stable_sort(items.begin(), items.end(), [](const NewsItem& a, const NewsItem& b) {
    if (a.pinned != b.pinned) return a.pinned;
    if (a.publish_at != b.publish_at) return a.publish_at > b.publish_at;
    return a.id < b.id;
  });
  return items;
}

const NewsText* text_for(const NewsItem& item, const std::string& language) {
  const NewsText* german = nullptr;
  for (const NewsText& text : item.texts) {
    if (text.language == language) return &text;
    if (text.language == "de") german = &text;
  }
  if (german) return german;
  return item.texts.empty() ? nullptr : &item.texts.front();
}

std::optional<Instant> news_last_change(const std::vector<NewsItem>& items, Instant now) {
  std::optional<Instant> last;
  const auto note = [&](Instant t) {
    if (t <= now && (!last || t > *last)) last = t;
  };
  for (const NewsItem& item : items) {
    // Never shown yet: its edits are nobody's business. (A published item cannot become a draft
    // again, nor move its publish time, so this never hides a change readers saw.)
    if (!was_published(item, now)) continue;
    note(item.publish_at);
    note(std::min(item.updated_at, now));
    if (item.expires_at) note(*item.expires_at);
    if (item.deleted_at) note(*item.deleted_at);
  }
  return last;
}

}  // namespace amt
