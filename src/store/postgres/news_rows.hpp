// Reading and writing news items and their texts on one PostgreSQL connection.
#pragma once

#include <optional>
#include <vector>

#include "core/news.hpp"
#include "store/postgres/connection.hpp"

namespace amt::store::postgres {

std::vector<NewsItem> load_news(Connection& c);       // inside the caller's snapshot
void save_news(Connection& c, const NewsItem& item);  // inside the caller's transaction
// The write transaction's news operations (see WriteTx in store.hpp); the reads lock their rows.
std::optional<NewsItem> news_item_for_update(Connection& c, const Id& id);
bool delete_news(Connection& c, const Id& id);
std::vector<NewsItem> news_to_announce(Connection& c, Instant now);

}  // namespace amt::store::postgres
