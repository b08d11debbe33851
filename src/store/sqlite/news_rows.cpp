// News rows: items with their texts, read in two queries and joined here by id.
#include "store/sqlite/news_rows.hpp"

#include <map>

#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {
namespace {

#define AMT_SQLITE_NEWS_COLUMNS                                                                            \
  "id, publish_at, expires_at IS NULL, COALESCE(expires_at, 0), pinned, updated_at, draft, "        \
  "deleted_at IS NULL, COALESCE(deleted_at, 0), announced_at IS NULL, COALESCE(announced_at, 0)"

NewsItem news_from_row(const Query& q) {
  NewsItem item;
  item.id = q.text(0);
  item.publish_at = instant(q.int64(1));
  if (q.int64(2) == 0) item.expires_at = instant(q.int64(3));
  item.pinned = q.int64(4) != 0;
  item.updated_at = instant(q.int64(5));
  item.draft = q.int64(6) != 0;
  if (q.int64(7) == 0) item.deleted_at = instant(q.int64(8));
  if (q.int64(9) == 0) item.announced_at = instant(q.int64(10));
  return item;
}

// Fills in the texts of items (all of them, or the one with `only_id`).
void add_news_texts(Connection& c, std::vector<NewsItem>& items, const Id* only_id) {
  std::map<Id, std::size_t> index;
  for (std::size_t i = 0; i < items.size(); ++i) index[items[i].id] = i;
  // One statement for both: ?1 NULL reads every item's texts.
  auto texts = c.query("SELECT news_id, language, title, markdown FROM news_texts"
                       " WHERE ?1 IS NULL OR news_id = ?1 ORDER BY news_id, language");
  if (only_id) texts.bind(1, *only_id);
  else texts.bind_null(1);
  while (texts.step()) {
    const auto found = index.find(texts.text(0));
    if (found == index.end()) continue;
    items[found->second].texts.push_back({texts.text(1), texts.text(2), texts.text(3)});
  }
}

void bind_optional(Query& q, int index, const std::optional<Instant>& t) {
  if (t) q.bind(index, seconds(*t));
  else q.bind_null(index);
}

}  // namespace

std::vector<NewsItem> load_news(Connection& c) {
  std::vector<NewsItem> items;
  auto q = c.query("SELECT " AMT_SQLITE_NEWS_COLUMNS " FROM news_items ORDER BY publish_at, id");
  while (q.step()) items.push_back(news_from_row(q));
  add_news_texts(c, items, nullptr);
  return items;
}

std::optional<NewsItem> news_item(Connection& c, const Id& id) {
  std::vector<NewsItem> items;
  {
    auto q = c.query("SELECT " AMT_SQLITE_NEWS_COLUMNS " FROM news_items WHERE id = ?1");
    q.bind(1, id);
    if (q.step()) items.push_back(news_from_row(q));
  }
  if (items.empty()) return std::nullopt;
  add_news_texts(c, items, &id);
  return std::move(items.front());
}

std::vector<NewsItem> news_to_announce(Connection& c, Instant now) {
  std::vector<NewsItem> items;
  {
    auto q = c.query("SELECT " AMT_SQLITE_NEWS_COLUMNS " FROM news_items WHERE announced_at IS NULL AND publish_at <= ?1"
                     " AND draft = 0 AND deleted_at IS NULL ORDER BY publish_at, id");
    q.bind(1, seconds(now));
    while (q.step()) items.push_back(news_from_row(q));
  }
  for (NewsItem& item : items) {
    std::vector<NewsItem> one{std::move(item)};
    add_news_texts(c, one, &one.front().id);
    item = std::move(one.front());
  }
  return items;
}

bool delete_news(Connection& c, const Id& id) {
  auto q = c.query("DELETE FROM news_items WHERE id = ?1");  // its texts go with it (ON DELETE CASCADE)
  q.bind(1, id);
  q.run();
  return q.changes() == 1;
}

void save_news(Connection& c, const NewsItem& item) {
  auto upsert = c.query(
      "INSERT INTO news_items (id, publish_at, expires_at, pinned, updated_at, draft, deleted_at, announced_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " ON CONFLICT (id) DO UPDATE SET publish_at = excluded.publish_at, expires_at = excluded.expires_at,"
      " pinned = excluded.pinned, updated_at = excluded.updated_at, draft = excluded.draft,"
      " deleted_at = excluded.deleted_at, announced_at = excluded.announced_at");
  upsert.bind(1, item.id).bind(2, seconds(item.publish_at)).bind(4, item.pinned ? 1 : 0);
  upsert.bind(5, seconds(item.updated_at)).bind(6, item.draft ? 1 : 0);
  bind_optional(upsert, 3, item.expires_at);
  bind_optional(upsert, 7, item.deleted_at);
  bind_optional(upsert, 8, item.announced_at);
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

#undef AMT_SQLITE_NEWS_COLUMNS

// The write transaction's news methods: the writer's connection, so nothing else writes meanwhile.
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

std::optional<NewsItem> SqliteWriteTx::news_item(const Id& id) { return sqlite::news_item(c_, id); }
void SqliteWriteTx::save_news(const NewsItem& item) { sqlite::save_news(c_, item); }
bool SqliteWriteTx::delete_news(const Id& id) { return sqlite::delete_news(c_, id); }
std::vector<NewsItem> SqliteWriteTx::news_to_announce(Instant now) { return sqlite::news_to_announce(c_, now); }

}  // namespace amt::store::sqlite
