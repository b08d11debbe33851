// Contract: news items with their texts in several languages (issue #8).
#include <algorithm>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

NewsItem sample_news(const std::string& id) {
  NewsItem item;
  item.id = id;
  item.texts = {{"de", "Terminpflicht ab März", "Ab **15. März** nur mit Termin."},
                {"en", "Appointments required from March", "From **15 March** by appointment only."},
                {"uk", "Запис обов'язковий", "Лише за записом."}};
  item.publish_at = at_utc(2027, 2, 1, 8);
  item.expires_at = at_utc(2027, 6, 30, 22);
  item.pinned = true;
  item.updated_at = at_utc(2027, 1, 31, 17, 45);
  return item;
}

TEST_P(StoreContract, NewsItemReadsBackWithEveryFieldAndText) {
  EXPECT_TRUE(store().news_items().empty());
  const NewsItem written = sample_news("terminpflicht");
  store().save_news(written);
  const auto read = store().news_items();
  ASSERT_EQ(read.size(), 1u);
  NewsItem expected = written;  // texts come back in language order
  expected.texts = {written.texts[0], written.texts[1], written.texts[2]};
  std::sort(expected.texts.begin(), expected.texts.end(),
            [](const NewsText& a, const NewsText& b) { return a.language < b.language; });
  EXPECT_EQ(read[0], expected);
}

TEST_P(StoreContract, NewsItemWithoutExpiryStaysWithoutOne) {
  NewsItem item = sample_news("open-ended");
  item.expires_at.reset();
  item.pinned = false;
  store().save_news(item);
  reopen();
  const auto read = store().news_items();
  ASSERT_EQ(read.size(), 1u);
  EXPECT_FALSE(read[0].expires_at.has_value());
  EXPECT_FALSE(read[0].pinned);
}

TEST_P(StoreContract, SavingANewsItemAgainReplacesItsDatesAndDropsRemovedTranslations) {
  store().save_news(sample_news("terminpflicht"));
  NewsItem edited = sample_news("terminpflicht");
  edited.texts = {{"de", "Terminpflicht ab April", "Neu: ab April."}};
  edited.expires_at = at_utc(2027, 3, 1, 0);
  edited.updated_at = at_utc(2027, 2, 10, 9);
  store().save_news(edited);
  const auto read = store().news_items();
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0], edited);
}

TEST_P(StoreContract, NewsItemExpiringBeforeItIsPublishedIsRefusedAndNothingIsKept) {
  NewsItem bad = sample_news("backwards");
  bad.expires_at = bad.publish_at - std::chrono::hours(1);
  EXPECT_ANY_THROW(store().save_news(bad));
  EXPECT_TRUE(store().news_items().empty());
}

TEST_P(StoreContract, NewsTextInAnUnsupportedLanguageIsRefused) {
  NewsItem bad = sample_news("klingon");
  bad.texts.push_back({"tlh", "Qapla'", "..."});
  EXPECT_ANY_THROW(store().save_news(bad));
  EXPECT_TRUE(store().news_items().empty());
}

TEST_P(StoreContract, SavingNewsMovesTheDataVersion) {
  const auto before = known_version(store());
  store().save_news(sample_news("terminpflicht"));
  EXPECT_GT(known_version(store()), before);
}

}  // namespace
}  // namespace amt::store::testing
