// Admins' news (issue #8 item 4): edits are checked field by field, publishing queues one social
// post per target exactly once, published items keep their publication, deleting leaves a
// tombstone only for what readers saw, and the posts' requests carry what the channels expect.
#include "app/news_desk.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/secrets.hpp"

namespace amt::app {
namespace {

const Instant desk_now = *parse_rfc3339("2027-03-08T07:00:00Z");

SocialSettings both_targets() {
  SocialSettings s;
  s.public_url = "https://termine.example.org/";
  s.mastodon_url = "https://social.example.org/";
  s.mastodon_token = "token-1";
  s.webhook_url = "https://hooks.example.org/news";
  return s;
}

NewsEdit german_edit(const std::string& title) {
  NewsEdit e;
  e.texts = {{"de", title, "Ab **Montag** neu."}};
  return e;
}

class NewsDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-news-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    desk_ = std::make_unique<NewsDesk>(*store_, clock_, both_targets());
  }
  void TearDown() override {
    desk_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<std::string> posted_keys() {
    std::vector<std::string> keys;
    for (const NewsItem& item : store_->news_items())
      for (std::string_view target : social_targets)
        if (store_->outbox_by_dedupe_key(social_dedupe_key(item.id, target))) keys.push_back(social_dedupe_key(item.id, target));
    return keys;
  }

  const AdminActor ada{"", "ada.admin"};
  Clock clock_{desk_now};
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<NewsDesk> desk_;
};

TEST_F(NewsDeskTest, PublishingNowQueuesOnePostPerTargetAndEditingDoesNotQueueAgain) {
  const auto id = desk_->create(ada, german_edit("Neue Öffnungszeiten"));
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, "neue-oeffnungszeiten");
  EXPECT_EQ(posted_keys(), (std::vector<std::string>{"news:neue-oeffnungszeiten:mastodon", "news:neue-oeffnungszeiten:webhook"}));
  ASSERT_TRUE(desk_->change(ada, *id, german_edit("Neue Öffnungszeiten ab Montag")).has_value());
  EXPECT_EQ(desk_->announce_due(), 0);
  EXPECT_EQ(posted_keys().size(), 2u);
  const auto listed = desk_->find(*id);
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->state, NewsState::published);
  EXPECT_EQ(listed->social.size(), 2u);
  EXPECT_EQ(listed->item.texts.front().title, "Neue Öffnungszeiten ab Montag");
}

TEST_F(NewsDeskTest, AScheduledItemIsAnnouncedOnceItsTimeHasComeAndOnlyOnce) {
  NewsEdit later = german_edit("Später");
  later.publish_at = desk_now + std::chrono::hours{1};
  const auto id = desk_->create(ada, later);
  ASSERT_TRUE(id.has_value());
  EXPECT_TRUE(posted_keys().empty());
  EXPECT_EQ(desk_->announce_due(), 0);
  EXPECT_EQ(desk_->find(*id)->state, NewsState::scheduled);
  // Its time comes: as if written long ago for a moment that has passed now.
  NewsItem item = store_->news_items().front();
  item.publish_at = desk_now - std::chrono::minutes{1};
  store_->save_news(item);
  EXPECT_EQ(desk_->announce_due(), 1);
  EXPECT_EQ(desk_->announce_due(), 0);
  EXPECT_EQ(posted_keys().size(), 2u);
}

TEST_F(NewsDeskTest, AnItemThatExpiredBeforeItsAnnouncementIsMarkedWithoutPosting) {
  NewsItem gone;
  gone.id = "gone";
  gone.texts = {{"de", "Vorbei", "Schon abgelaufen."}};
  gone.publish_at = desk_now - std::chrono::hours{3};
  gone.expires_at = desk_now - std::chrono::hours{1};
  gone.updated_at = gone.publish_at;
  store_->save_news(gone);
  EXPECT_EQ(desk_->announce_due(), 1);
  EXPECT_TRUE(posted_keys().empty());
  EXPECT_TRUE(store_->news_items().front().announced_at.has_value());
}

TEST_F(NewsDeskTest, ADraftPostsNothingAndAPublishedItemCannotBecomeADraftAgain) {
  NewsEdit draft = german_edit("Entwurf");
  draft.draft = true;
  const auto id = desk_->create(ada, draft);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(desk_->announce_due(), 0);
  EXPECT_TRUE(posted_keys().empty());
  ASSERT_TRUE(desk_->change(ada, *id, german_edit("Entwurf")).has_value());  // published now
  EXPECT_EQ(posted_keys().size(), 2u);
  const auto back = desk_->change(ada, *id, draft);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().fields.front().code, "already_published");
}

TEST_F(NewsDeskTest, EditsAreCheckedFieldByField) {
  NewsEdit bad;
  bad.texts = {{"en", "Only a title", ""}, {"de", std::string(201, 'x'), "Text"}};
  bad.expires_at = desk_now;
  const auto result = desk_->create(ada, bad);
  ASSERT_FALSE(result.has_value());
  std::vector<std::string> fields;
  for (const FieldError& e : result.error().fields) fields.push_back(e.field + ":" + e.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"title_de:too_long", "markdown_en:required", "expires_date:expires_before_publish"}));
  EXPECT_TRUE(store_->news_items().empty());
}

TEST_F(NewsDeskTest, DeletingKeepsATombstoneOnlyForWhatReadersSaw) {
  const auto shown = desk_->create(ada, german_edit("Gezeigt"));
  NewsEdit draft = german_edit("Nie gezeigt");
  draft.draft = true;
  const auto hidden = desk_->create(ada, draft);
  ASSERT_TRUE(desk_->remove(ada, *shown).has_value());
  ASSERT_TRUE(desk_->remove(ada, *hidden).has_value());
  const auto items = store_->news_items();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.front().id, *shown);
  EXPECT_TRUE(items.front().deleted_at.has_value());
  EXPECT_TRUE(desk_->list().empty());
  EXPECT_FALSE(desk_->remove(ada, *shown).has_value());
  EXPECT_EQ(desk_->create(ada, german_edit("Gezeigt")).value(), "gezeigt-2");  // the tombstone keeps its id
}

TEST_F(NewsDeskTest, DeletingAnItemWithdrawsItsPostsStillWaitingButNotAnotherItemsOrAnUnpublishedOnes) {
  const auto gone = desk_->create(ada, german_edit("Bald weg"));
  const auto kept = desk_->create(ada, german_edit("Bleibt"));
  const auto taken_off = desk_->create(ada, german_edit("Abgenommen"));
  ASSERT_EQ(posted_keys().size(), 6u);  // nothing delivered yet: the channels are down
  ASSERT_TRUE(desk_->unpublish(ada, *taken_off).has_value());
  ASSERT_TRUE(desk_->remove(ada, *gone).has_value());
  EXPECT_THAT(posted_keys(), ::testing::UnorderedElementsAre("news:bleibt:mastodon", "news:bleibt:webhook",
                                                             "news:abgenommen:mastodon", "news:abgenommen:webhook"));
  EXPECT_TRUE(kept.has_value());
}

TEST_F(NewsDeskTest, UnpublishingTakesAPublishedItemOffAtOnce) {
  const auto id = desk_->create(ada, german_edit("Kurz"));
  ASSERT_TRUE(desk_->unpublish(ada, *id).has_value());
  EXPECT_EQ(desk_->find(*id)->state, NewsState::expired);
  EXPECT_FALSE(is_visible(store_->news_items().front(), clock_.now()));
  EXPECT_EQ(desk_->unpublish(ada, *id).error().kind, ErrorKind::not_changeable);
}

TEST(SocialPosts, MastodonAndWebhookRowsCarryTitleLinkAndAStableKeyButNoSecret) {
  NewsItem item;
  item.id = "hours";
  item.texts = {{"en", "New hours", "x"}, {"de", "Neue \"Zeiten\"", "y"}};
  item.publish_at = desk_now;
  SocialSettings s = both_targets();
  s.webhook_secret_header = "X-Secret";
  s.webhook_secret = "hook-secret";
  const auto rows = social_posts(s, item, desk_now);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].recipient, "https://social.example.org/api/v1/statuses");
  EXPECT_EQ(rows[0].dedupe_key, "news:hours:mastodon");
  const auto toot = boost::json::parse(rows[0].body).as_object();
  EXPECT_EQ(toot.at("status").as_string(), "Neue \"Zeiten\"\n\nhttps://termine.example.org/news#news-hours");
  EXPECT_EQ(toot.at("visibility").as_string(), "public");
  const auto hook = boost::json::parse(rows[1].body).as_object();
  EXPECT_EQ(hook.at("url").as_string(), "https://termine.example.org/news#news-hours");
  EXPECT_EQ(hook.at("published").as_string(), "2027-03-08T07:00:00Z");
  for (const auto& r : rows) {
    EXPECT_EQ(r.body.find("token-1"), std::string::npos);
    EXPECT_EQ(r.body.find("hook-secret"), std::string::npos);
  }
  s.mastodon_format = SocialBodyFormat::form;
  EXPECT_EQ(social_posts(s, item, desk_now)[0].body.rfind("status=Neue%20%22Zeiten%22%0A%0Ahttps%3A%2F%2F", 0), 0u);
}

TEST(SocialPosts, OnlyTimeoutsRateLimitsAndServerErrorsAreRetried) {
  EXPECT_TRUE(judge_social_answer(200, "{}").sent);
  EXPECT_TRUE(judge_social_answer(202, "").sent);
  for (long retry : {408L, 429L, 500L, 503L}) {
    const auto o = judge_social_answer(retry, "busy");
    EXPECT_FALSE(o.sent);
    EXPECT_FALSE(o.permanent) << retry;
  }
  for (long refused : {400L, 401L, 403L, 422L}) EXPECT_TRUE(judge_social_answer(refused, "no").permanent) << refused;
}

TEST(SocialPosts, SettingsWithoutATokenOrWithABadUrlAreRefused) {
  SocialSettings s = both_targets();
  s.mastodon_token.clear();
  EXPECT_THROW(check_social_settings(s), std::invalid_argument);
  s = both_targets();
  s.webhook_url = "ftp://hooks.example.org";
  EXPECT_THROW(check_social_settings(s), std::invalid_argument);
  EXPECT_NO_THROW(check_social_settings(both_targets()));
}

TEST(NewsSlug, GermanTitlesBecomeReadableIds) {
  EXPECT_EQ(news_slug("Neue Öffnungszeiten ab 1. März!"), "neue-oeffnungszeiten-ab-1-maerz");
  EXPECT_EQ(news_slug("Straße"), "strasse");
  EXPECT_EQ(news_slug("«»"), "news");
}

}  // namespace
}  // namespace amt::app
