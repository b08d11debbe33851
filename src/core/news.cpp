// What news is shown when, and in which language.
#include "core/news.hpp"

#include <algorithm>

namespace amt {

bool is_visible(const NewsItem& item, Instant now) {
  if (item.publish_at > now) return false;
  return !item.expires_at || now < *item.expires_at;
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
    if (item.publish_at > now) continue;  // never shown yet: its edits are nobody's business
    note(item.publish_at);
    note(std::min(item.updated_at, now));
    if (item.expires_at) note(*item.expires_at);
  }
  return last;
}

}  // namespace amt
