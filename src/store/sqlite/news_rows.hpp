// Reading and writing news items and their texts on one SQLite connection.
#pragma once

#include <optional>
#include <vector>

#include "core/news.hpp"
#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

std::vector<NewsItem> load_news(Connection& c);
void save_news(Connection& c, const NewsItem& item);  // inside the caller's transaction
// The write transaction's news operations (see WriteTx in store.hpp).
std::optional<NewsItem> news_item(Connection& c, const Id& id);
bool delete_news(Connection& c, const Id& id);
std::vector<NewsItem> news_to_announce(Connection& c, Instant now);

}  // namespace amt::store::sqlite
