-- News about booking (Neuigkeiten), the same tables as sqlite/006_news.sql.
CREATE TABLE news_items (
  id          text PRIMARY KEY,
  publish_at  bigint NOT NULL,
  expires_at  bigint,
  pinned      integer NOT NULL CHECK (pinned IN (0, 1)),
  updated_at  bigint NOT NULL,
  CHECK (expires_at IS NULL OR expires_at > publish_at)
);
CREATE TABLE news_texts (
  news_id   text NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
  language  text NOT NULL CHECK (language IN ('de', 'en', 'uk', 'ar', 'tr', 'ru')),
  title     text NOT NULL CHECK (title <> ''),
  markdown  text NOT NULL,
  PRIMARY KEY (news_id, language)
);
CREATE INDEX news_items_by_publish ON news_items (publish_at);
