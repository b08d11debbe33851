// Contract: news written by admins inside write transactions (issue #8 item 4): drafts,
// tombstones, deleting, the announcement mark, and the outbox row found by its dedupe key.
#include <atomic>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

NewsItem admin_news(const std::string& id, Instant publish_at) {
  NewsItem item;
  item.id = id;
  item.texts = {{"de", "Neue Öffnungszeiten", "Ab Montag **8 bis 16 Uhr**."}, {"en", "New hours", "From Monday."}};
  item.publish_at = publish_at;
  item.updated_at = publish_at;
  return item;
}

const Instant news_now = at_utc(2027, 3, 8, 7);

TEST_P(StoreContract, NewsItemInsideAWriteReadsBackWithDraftTombstoneAndAnnouncement) {
  NewsItem item = admin_news("hours", news_now);
  item.draft = true;
  item.deleted_at = news_now + std::chrono::hours{2};
  item.announced_at = news_now + std::chrono::hours{1};
  store().write([&](WriteTx& tx) { tx.save_news(item); });
  std::optional<NewsItem> read;
  store().write([&](WriteTx& tx) { read = tx.news_item("hours"); });
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, item);
  EXPECT_EQ(store().news_items(), std::vector<NewsItem>{item});
  store().write([&](WriteTx& tx) { EXPECT_FALSE(tx.news_item("nope").has_value()); });
}

TEST_P(StoreContract, DeletingNewsRemovesItWithItsTextsAndIsFalseForUnknownIds) {
  store().write([&](WriteTx& tx) { tx.save_news(admin_news("hours", news_now)); });
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.delete_news("hours"));
    EXPECT_FALSE(tx.delete_news("hours"));
  });
  EXPECT_TRUE(store().news_items().empty());
  store().write([&](WriteTx& tx) { tx.save_news(admin_news("hours", news_now)); });  // the id is free again
  EXPECT_EQ(store().news_items().size(), 1u);
}

TEST_P(StoreContract, NewsToAnnounceAreThePublishedUnannouncedOnesOldestFirst) {
  NewsItem draft = admin_news("draft", news_now - std::chrono::hours{3});
  draft.draft = true;
  NewsItem deleted = admin_news("deleted", news_now - std::chrono::hours{3});
  deleted.deleted_at = news_now;
  NewsItem announced = admin_news("announced", news_now - std::chrono::hours{3});
  announced.announced_at = news_now - std::chrono::hours{3};
  store().write([&](WriteTx& tx) {
    for (const NewsItem& n : {admin_news("later", news_now + std::chrono::seconds{1}), admin_news("second", news_now),
                              admin_news("first", news_now - std::chrono::hours{1}), draft, deleted, announced})
      tx.save_news(n);
  });
  std::vector<NewsItem> due;
  store().write([&](WriteTx& tx) { due = tx.news_to_announce(news_now); });
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, "first");
  EXPECT_EQ(due[1].id, "second");
  EXPECT_EQ(due[0].texts.size(), 2u);  // with their texts, for the post
}

TEST_P(StoreContract, OutboxMessageIsFoundByItsDedupeKey) {
  OutboxMessage m = sample_message("social-1", news_now, "");
  m.channel = "webhook";
  m.dedupe_key = "news:hours:mastodon";
  store().write([&](WriteTx& tx) { EXPECT_TRUE(tx.enqueue_outbox(m)); });
  const auto found = store().outbox_by_dedupe_key("news:hours:mastodon");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "social-1");
  EXPECT_EQ(found->status, OutboxStatus::pending);
  EXPECT_FALSE(store().outbox_by_dedupe_key("news:hours:webhook").has_value());
  EXPECT_FALSE(store().outbox_by_dedupe_key("").has_value());
}

// Two servers on one database announce at the same moment: the item is announced (and its post
// queued) exactly once.
TEST_P(StoreContract, TwoStoresAnnouncingTogetherQueueEachItemOnce) {
  store().write([&](WriteTx& tx) { tx.save_news(admin_news("hours", news_now)); });
  auto second = open_store(url());
  std::atomic<int> announced{0};
  const auto announce = [&](Store& s, const std::string& worker) {
    int mine = 0;
    s.write([&](WriteTx& tx) {
      mine = 0;  // a run PostgreSQL retries counts afresh
      for (NewsItem item : tx.news_to_announce(news_now)) {
        item.announced_at = news_now;
        tx.save_news(item);
        OutboxMessage m = sample_message(worker + "-" + item.id, news_now, "");
        m.channel = "webhook";
        m.dedupe_key = "news:" + item.id + ":mastodon";
        if (tx.enqueue_outbox(m)) ++mine;
      }
    });
    announced += mine;
  };
  std::thread a([&] { for (int i = 0; i < 20; ++i) announce(store(), "a" + std::to_string(i)); });
  std::thread b([&] { for (int i = 0; i < 20; ++i) announce(*second, "b" + std::to_string(i)); });
  a.join();
  b.join();
  EXPECT_EQ(announced.load(), 1);
  const auto found = store().outbox_by_dedupe_key("news:hours:mastodon");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(store().news_items().front().announced_at.has_value());
}

}  // namespace
}  // namespace amt::store::testing
