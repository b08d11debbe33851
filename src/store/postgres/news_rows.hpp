// Reading and writing news items and their texts on one PostgreSQL connection.
#pragma once

#include <vector>

#include "core/news.hpp"
#include "store/postgres/connection.hpp"

namespace amt::store::postgres {

std::vector<NewsItem> load_news(Connection& c);       // inside the caller's snapshot
void save_news(Connection& c, const NewsItem& item);  // inside the caller's transaction

}  // namespace amt::store::postgres
