// What news is shown when and in which language: only published, unexpired items, German fallback.
#include <gtest/gtest.h>

#include "core/news.hpp"

namespace amt {
namespace {

Instant at(int day, int hour) { return Instant{std::chrono::hours((day * 24) + hour)}; }

NewsItem item(const std::string& id, Instant publish, std::optional<Instant> expires, bool pinned = false) {
  NewsItem n;
  n.id = id;
  n.texts = {{"de", "Titel " + id, "Text"}};
  n.publish_at = publish;
  n.expires_at = expires;
  n.pinned = pinned;
  n.updated_at = publish;
  return n;
}

TEST(News, ShowsNothingBeforePublicationAndNothingFromTheExpiryInstantOn) {
  const NewsItem n = item("a", at(10, 8), at(20, 0));
  EXPECT_FALSE(is_visible(n, at(10, 7)));
  EXPECT_TRUE(is_visible(n, at(10, 8)));
  EXPECT_TRUE(is_visible(n, at(19, 23)));
  EXPECT_FALSE(is_visible(n, at(20, 0)));
}

TEST(News, VisibleListPutsPinnedFirstThenNewestAndLeavesOutFutureAndExpired) {
  const auto list = visible_news({item("old", at(1, 0), std::nullopt), item("new", at(5, 0), std::nullopt),
                                  item("pinned", at(2, 0), std::nullopt, true), item("future", at(9, 0), std::nullopt),
                                  item("gone", at(1, 0), at(3, 0))},
                                 at(6, 0));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, "pinned");
  EXPECT_EQ(list[1].id, "new");
  EXPECT_EQ(list[2].id, "old");
}

TEST(News, TextFallsBackToGermanWhenTheLanguageIsMissing) {
  NewsItem n = item("a", at(1, 0), std::nullopt);
  n.texts.push_back({"en", "Title", "Text"});
  EXPECT_EQ(text_for(n, "en")->title, "Title");
  EXPECT_EQ(text_for(n, "ar")->title, "Titel a");
}

TEST(News, LastChangeMovesWhenAnItemExpiresOrIsPublishedButNotForUnpublishedEdits) {
  std::vector<NewsItem> items{item("a", at(1, 0), at(8, 0)), item("b", at(9, 0), std::nullopt)};
  items[1].updated_at = at(4, 0);
  EXPECT_EQ(news_last_change(items, at(5, 0)), at(1, 0));
  EXPECT_EQ(news_last_change(items, at(8, 1)), at(8, 0));
  EXPECT_EQ(news_last_change(items, at(9, 0)), at(9, 0));
  EXPECT_FALSE(news_last_change(items, at(0, 0)).has_value());
}

TEST(News, DraftsAndDeletedItemsAreNeverVisible) {
  NewsItem draft = item("d", at(1, 0), std::nullopt);
  draft.draft = true;
  EXPECT_FALSE(is_visible(draft, at(5, 0)));
  EXPECT_EQ(news_state(draft, at(5, 0)), NewsState::draft);
  NewsItem deleted = item("x", at(1, 0), std::nullopt);
  deleted.deleted_at = at(3, 0);
  EXPECT_FALSE(is_visible(deleted, at(5, 0)));
}

TEST(News, StateFollowsTheClockFromScheduledToPublishedToExpired) {
  const NewsItem n = item("a", at(10, 8), at(20, 0));
  EXPECT_EQ(news_state(n, at(10, 7)), NewsState::scheduled);
  EXPECT_EQ(news_state(n, at(10, 8)), NewsState::published);
  EXPECT_EQ(news_state(n, at(20, 0)), NewsState::expired);
  EXPECT_STREQ(to_string(NewsState::scheduled), "scheduled");
}

TEST(News, LastChangeMovesWhenAPublishedItemIsDeletedButNotForDrafts) {
  NewsItem shown = item("a", at(1, 0), std::nullopt);
  shown.deleted_at = at(4, 0);
  shown.updated_at = at(4, 0);
  NewsItem draft = item("d", at(2, 0), std::nullopt);
  draft.draft = true;
  draft.updated_at = at(6, 0);
  EXPECT_EQ(news_last_change({shown, draft}, at(7, 0)), at(4, 0));
  EXPECT_EQ(news_last_change({draft}, at(7, 0)), std::nullopt);
}

}  // namespace
}  // namespace amt
