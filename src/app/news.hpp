// Reading news for citizens, the office's app and feeds: what is visible now, in a language,
// with its Markdown rendered. Cached until the store's data version moves, since the pinned
// banner is asked for on every citizen page.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "core/news.hpp"
#include "store/store.hpp"

namespace amt::app {

// One item as a reader sees it.
struct NewsEntry {
  Id id;
  std::string language;  // of the text shown (German when the wished one is missing)
  std::string title;
  std::string html;      // rendered, raw HTML stripped
  std::string markdown;
  Instant published;
  Instant updated;       // never before published
  std::optional<Instant> expires;
  bool pinned = false;
};

struct NewsPage {
  std::vector<NewsEntry> entries;  // pinned first, then newest first
  std::optional<Instant> last_change;  // for Last-Modified; empty when nothing was ever shown
};

class NewsBoard {
 public:
  NewsBoard(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  NewsPage visible(const std::string& language);
  std::vector<NewsEntry> pinned(const std::string& language);

 private:
  std::shared_ptr<const std::vector<NewsItem>> items();

  store::Store& store_;
  const Clock& clock_;
  std::mutex mutex_;
  std::uint64_t cached_version_ = 0;
  std::shared_ptr<const std::vector<NewsItem>> cached_;
};

// The demo office's announcement of the Terminpflicht, in German and English, pinned.
NewsItem demo_terminpflicht_news(LocalDate terminpflicht_from, Instant now);

}  // namespace amt::app
