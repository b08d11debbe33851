-- News written by admins, the same columns as sqlite/016_news_admin.sql: drafts, tombstones of
-- deleted items that were once shown, and the mark that an item's social posts were queued.
ALTER TABLE news_items ADD COLUMN draft integer NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE news_items ADD COLUMN deleted_at bigint;
ALTER TABLE news_items ADD COLUMN announced_at bigint;
UPDATE news_items SET announced_at = updated_at;
CREATE INDEX news_items_unannounced ON news_items (publish_at) WHERE announced_at IS NULL;
