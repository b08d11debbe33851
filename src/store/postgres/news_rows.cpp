// News rows: items with their texts, read in two queries and joined here by id.
#include "store/postgres/news_rows.hpp"

#include <map>

#include "store/postgres/values.hpp"

namespace amt::store::postgres {

std::vector<NewsItem> load_news(Connection& c) {
  std::vector<NewsItem> items;
  std::map<Id, std::size_t> index;
  const auto rows = c.query("SELECT id, publish_at, (expires_at IS NULL)::int, COALESCE(expires_at, 0), pinned,"
                            " updated_at FROM news_items ORDER BY publish_at, id");
  for (const Row q : rows) {
    NewsItem item;
    item.id = q.text(0);
    item.publish_at = instant(q.int64(1));
    if (q.int64(2) == 0) item.expires_at = instant(q.int64(3));
    item.pinned = q.int64(4) != 0;
    item.updated_at = instant(q.int64(5));
    index[item.id] = items.size();
    items.push_back(std::move(item));
  }
  const auto texts = c.query("SELECT news_id, language, title, markdown FROM news_texts"
                             " ORDER BY news_id, language COLLATE \"C\"");
  for (const Row t : texts) {
    const auto found = index.find(t.text(0));
    if (found == index.end()) continue;
    items[found->second].texts.push_back({t.text(1), t.text(2), t.text(3)});
  }
  return items;
}

void save_news(Connection& c, const NewsItem& item) {
  Params item_params;
  item_params.add(item.id).add(seconds(item.publish_at));
  if (item.expires_at) {
    item_params.add(seconds(*item.expires_at));
  } else {
    item_params.add_null();
  }
  item_params.add(item.pinned ? 1 : 0).add(seconds(item.updated_at));
  c.query("INSERT INTO news_items (id, publish_at, expires_at, pinned, updated_at) VALUES ($1, $2, $3, $4, $5)"
          " ON CONFLICT (id) DO UPDATE SET publish_at = excluded.publish_at, expires_at = excluded.expires_at,"
          " pinned = excluded.pinned, updated_at = excluded.updated_at",
          item_params);
  c.query("DELETE FROM news_texts WHERE news_id = $1", Params().add(item.id));
  for (const NewsText& text : item.texts)
    c.query("INSERT INTO news_texts (news_id, language, title, markdown) VALUES ($1, $2, $3, $4)",
            Params().add(item.id).add(text.language).add(text.title).add(text.markdown));
}

}  // namespace amt::store::postgres
