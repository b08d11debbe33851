-- News written by admins (issue #8 item 4): drafts, deleted items kept as tombstones while they
-- were once shown (so feeds see the deletion as a change), and the mark that an item's social
-- posts were queued, set in the same transaction that queues them, so each item is posted once.
ALTER TABLE news_items ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE news_items ADD COLUMN deleted_at INTEGER;    -- unix seconds; NULL: not deleted
ALTER TABLE news_items ADD COLUMN announced_at INTEGER;  -- unix seconds; NULL: social posts not queued yet
-- Items from before this migration were published without social posts; they are not posted now.
UPDATE news_items SET announced_at = updated_at;
CREATE INDEX news_items_unannounced ON news_items (publish_at) WHERE announced_at IS NULL;
