// News rows: items with their texts, read in two queries and joined here by id.
#include "store/postgres/news_rows.hpp"

#include <map>

#include "store/postgres/values.hpp"
#include "store/postgres/write_tx.hpp"

#define AMT_PG_NEWS_COLUMNS                                                                           \
  "id, publish_at, (expires_at IS NULL)::int, COALESCE(expires_at, 0), pinned, updated_at, draft, "   \
  "(deleted_at IS NULL)::int, COALESCE(deleted_at, 0), (announced_at IS NULL)::int, COALESCE(announced_at, 0)"

namespace amt::store::postgres {
namespace {

NewsItem pg_news_from_row(const Row& q) {
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

// Fills in the texts of items (all of them when only_id is null).
void add_pg_news_texts(Connection& c, std::vector<NewsItem>& items, const Id* only_id) {
  std::map<Id, std::size_t> index;
  for (std::size_t i = 0; i < items.size(); ++i) index[items[i].id] = i;
  Params params;
  if (only_id) params.add(*only_id);
  else params.add_null();
  const auto texts = c.query("SELECT news_id, language, title, markdown FROM news_texts"
                             " WHERE $1::text IS NULL OR news_id = $1::text ORDER BY news_id, language COLLATE \"C\"",
                             params);
  for (const Row t : texts) {
    const auto found = index.find(t.text(0));
    if (found == index.end()) continue;
    items[found->second].texts.push_back({t.text(1), t.text(2), t.text(3)});
  }
}

void add_optional(Params& p, const std::optional<Instant>& t) {
  if (t) p.add(seconds(*t));
  else p.add_null();
}

}  // namespace

std::vector<NewsItem> load_news(Connection& c) {
  std::vector<NewsItem> items;
  for (const Row q : c.query("SELECT " AMT_PG_NEWS_COLUMNS " FROM news_items ORDER BY publish_at, id"))
    items.push_back(pg_news_from_row(q));
  add_pg_news_texts(c, items, nullptr);
  return items;
}

std::optional<NewsItem> news_item_for_update(Connection& c, const Id& id) {
  std::vector<NewsItem> items;
  for (const Row q : c.query("SELECT " AMT_PG_NEWS_COLUMNS " FROM news_items WHERE id = $1 FOR UPDATE", Params().add(id)))
    items.push_back(pg_news_from_row(q));
  if (items.empty()) return std::nullopt;
  add_pg_news_texts(c, items, &id);
  return std::move(items.front());
}

std::vector<NewsItem> news_to_announce(Connection& c, Instant now) {
  // FOR UPDATE: a second server's same query waits for this transaction, then re-checks
  // announced_at IS NULL on the committed row (READ COMMITTED) and skips what was announced.
  std::vector<NewsItem> items;
  for (const Row q : c.query("SELECT " AMT_PG_NEWS_COLUMNS " FROM news_items WHERE announced_at IS NULL"
                             " AND publish_at <= $1::bigint AND draft = 0 AND deleted_at IS NULL"
                             " ORDER BY publish_at, id FOR UPDATE",
                             Params().add(seconds(now))))
    items.push_back(pg_news_from_row(q));
  for (NewsItem& item : items) {
    std::vector<NewsItem> one{std::move(item)};
    add_pg_news_texts(c, one, &one.front().id);
    item = std::move(one.front());
  }
  return items;
}

bool delete_news(Connection& c, const Id& id) {
  return c.query("DELETE FROM news_items WHERE id = $1", Params().add(id)).affected() == 1;
}

void save_news(Connection& c, const NewsItem& item) {
  Params item_params;
  item_params.add(item.id).add(seconds(item.publish_at));
  add_optional(item_params, item.expires_at);
  item_params.add(item.pinned ? 1 : 0).add(seconds(item.updated_at)).add(item.draft ? 1 : 0);
  add_optional(item_params, item.deleted_at);
  add_optional(item_params, item.announced_at);
  c.query("INSERT INTO news_items (id, publish_at, expires_at, pinned, updated_at, draft, deleted_at, announced_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
          " ON CONFLICT (id) DO UPDATE SET publish_at = excluded.publish_at, expires_at = excluded.expires_at,"
          " pinned = excluded.pinned, updated_at = excluded.updated_at, draft = excluded.draft,"
          " deleted_at = excluded.deleted_at, announced_at = excluded.announced_at",
          item_params);
  c.query("DELETE FROM news_texts WHERE news_id = $1", Params().add(item.id));
  for (const NewsText& text : item.texts)
    c.query("INSERT INTO news_texts (news_id, language, title, markdown) VALUES ($1, $2, $3, $4)",
            Params().add(item.id).add(text.language).add(text.title).add(text.markdown));
}

std::optional<NewsItem> PgWriteTx::news_item(const Id& id) { return news_item_for_update(c_, id); }
void PgWriteTx::save_news(const NewsItem& item) { postgres::save_news(c_, item); }
bool PgWriteTx::delete_news(const Id& id) { return postgres::delete_news(c_, id); }
std::vector<NewsItem> PgWriteTx::news_to_announce(Instant now) { return postgres::news_to_announce(c_, now); }

}  // namespace amt::store::postgres

#undef AMT_PG_NEWS_COLUMNS
