// News rows: items with their texts, read in two queries and joined here by id.
#include "store/sqlite/news_rows.hpp"

#include <map>

#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {

std::vector<NewsItem> load_news(Connection& c) {
  std::vector<NewsItem> items;
  std::map<Id, std::size_t> index;
  auto q = c.query("SELECT id, publish_at, expires_at IS NULL, COALESCE(expires_at, 0), pinned, updated_at"
                   " FROM news_items ORDER BY publish_at, id");
  while (q.step()) {
    NewsItem item;
    item.id = q.text(0);
    item.publish_at = instant(q.int64(1));
    if (q.int64(2) == 0) item.expires_at = instant(q.int64(3));
    item.pinned = q.int64(4) != 0;
    item.updated_at = instant(q.int64(5));
    index[item.id] = items.size();
    items.push_back(std::move(item));
  }
  auto texts = c.query("SELECT news_id, language, title, markdown FROM news_texts ORDER BY news_id, language");
  while (texts.step()) {
    const auto found = index.find(texts.text(0));
    if (found == index.end()) continue;
    items[found->second].texts.push_back({texts.text(1), texts.text(2), texts.text(3)});
  }
  return items;
}

void save_news(Connection& c, const NewsItem& item) {
  auto upsert = c.query(
      "INSERT INTO news_items (id, publish_at, expires_at, pinned, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (id) DO UPDATE SET publish_at = excluded.publish_at, expires_at = excluded.expires_at,"
      " pinned = excluded.pinned, updated_at = excluded.updated_at");
  upsert.bind(1, item.id).bind(2, seconds(item.publish_at)).bind(4, item.pinned ? 1 : 0);
  upsert.bind(5, seconds(item.updated_at));
  if (item.expires_at) {
    upsert.bind(3, seconds(*item.expires_at));
  } else {
    upsert.bind_null(3);
  }
  upsert.run();
  auto clear = c.query("DELETE FROM news_texts WHERE news_id = ?1");
  clear.bind(1, item.id);
  clear.run();
  for (const NewsText& text : item.texts) {
    auto insert = c.query("INSERT INTO news_texts (news_id, language, title, markdown) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, item.id).bind(2, text.language).bind(3, text.title).bind(4, text.markdown);
    insert.run();
  }
}

}  // namespace amt::store::sqlite
