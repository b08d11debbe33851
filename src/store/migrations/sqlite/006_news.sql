-- News about booking (Neuigkeiten) for /news, /news.atom and /api/v1/news: one row per item, one
-- text per language (German required by the app, the others optional). Retire an item by setting
-- expires_at, so feeds see a change time; items are not deleted.
CREATE TABLE news_items (
  id          TEXT PRIMARY KEY,
  publish_at  INTEGER NOT NULL,  -- unix seconds; not shown before
  expires_at  INTEGER,           -- unix seconds; not shown from then on; NULL: never expires
  pinned      INTEGER NOT NULL CHECK (pinned IN (0, 1)),
  updated_at  INTEGER NOT NULL,
  CHECK (expires_at IS NULL OR expires_at > publish_at)
) STRICT;
CREATE TABLE news_texts (
  news_id   TEXT NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
  language  TEXT NOT NULL CHECK (language IN ('de', 'en', 'uk', 'ar', 'tr', 'ru')),
  title     TEXT NOT NULL CHECK (title <> ''),
  markdown  TEXT NOT NULL,
  PRIMARY KEY (news_id, language)
) STRICT;
CREATE INDEX news_items_by_publish ON news_items (publish_at);
