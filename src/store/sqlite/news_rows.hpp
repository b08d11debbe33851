// Reading and writing news items and their texts on one SQLite connection.
#pragma once

#include <vector>

#include "core/news.hpp"
#include "store/sqlite/connection.hpp"

namespace amt::store::sqlite {

std::vector<NewsItem> load_news(Connection& c);
void save_news(Connection& c, const NewsItem& item);  // inside the caller's transaction

}  // namespace amt::store::sqlite
