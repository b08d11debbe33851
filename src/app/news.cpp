// NewsBoard: store items filtered by the clock (core/news) and rendered for one language.
#include "app/news.hpp"

#include <algorithm>

#include "app/i18n.hpp"
#include "app/markdown.hpp"

namespace amt::app {
namespace {

NewsEntry entry_for(const NewsItem& item, const std::string& language) {
  NewsEntry e;
  e.id = item.id;
  e.published = item.publish_at;
  e.updated = std::max(item.updated_at, item.publish_at);
  e.expires = item.expires_at;
  e.pinned = item.pinned;
  if (const NewsText* text = text_for(item, language)) {
    e.language = text->language;
    e.title = text->title;
    e.markdown = text->markdown;
    e.html = markdown_to_html(text->markdown);
  }
  return e;
}

}  // namespace

std::shared_ptr<const std::vector<NewsItem>> NewsBoard::items() {
  const std::optional<std::uint64_t> version = store_.data_version();
  // Unknown version (PostgreSQL while its watch reconnects): read afresh and leave the cache alone.
  if (!version) return std::make_shared<const std::vector<NewsItem>>(store_.news_items());
  std::lock_guard lock(mutex_);
  if (!cached_ || *version != cached_version_) {
    cached_ = std::make_shared<const std::vector<NewsItem>>(store_.news_items());
    cached_version_ = *version;
  }
  return cached_;
}

NewsPage NewsBoard::visible(const std::string& language) {
  const auto all = items();
  const Instant now = clock_.now();
  NewsPage page;
  page.last_change = news_last_change(*all, now);
  for (const NewsItem& item : visible_news(*all, now)) page.entries.push_back(entry_for(item, language));
  return page;
}

std::vector<NewsEntry> NewsBoard::pinned(const std::string& language) {
  std::vector<NewsEntry> out;
  const auto all = items();
  for (const NewsItem& item : visible_news(*all, clock_.now()))
    if (item.pinned) out.push_back(entry_for(item, language));
  return out;
}

NewsItem demo_terminpflicht_news(LocalDate terminpflicht_from, Instant now) {
  const std::string date_de = Translations::builtin().format_date("de", terminpflicht_from);
  const std::string date_en = Translations::builtin().format_date("en", terminpflicht_from);
  NewsItem item;
  item.id = "terminpflicht";
  item.texts = {
      {"de", "Ab " + date_de + " nur noch mit Termin",
       "Ab dem **" + date_de + "** empfängt das Jobcenter Mainz Sie nur noch mit Termin "
       "(*Terminpflicht*).\n\n"
       "- Buchen Sie Ihren Termin hier online, am Telefon über das Service-Center oder an den "
       "Terminsäulen im Eingangsbereich.\n"
       "- In einer akuten Notlage helfen wir Ihnen weiterhin sofort vor Ort.\n"},
      {"en", "Appointments required from " + date_en,
       "From **" + date_en + "** Jobcenter Mainz sees visitors by appointment only.\n\n"
       "- Book your appointment here online, by phone through the service centre, or at the "
       "booking kiosks in the entrance hall.\n"
       "- In an acute emergency we still help you on site at once.\n"},
  };
  item.publish_at = now;
  item.updated_at = now;
  item.pinned = true;
  item.announced_at = now;  // demo data: nothing to post about on a real channel
  const Instant cutoff{std::chrono::duration_cast<std::chrono::seconds>(terminpflicht_from.time_since_epoch())};
  item.expires_at = std::max(cutoff, now) + std::chrono::days{90};
  return item;
}

}  // namespace amt::app
