-- The terms of the posts_fts index (migration 0002), one row per term, for posts search
-- (db/queries/search-text.ts): it spells the last word's prefix out as exact terms, which FTS5 can seek
-- within a rowid range, where a prefix term builds its whole doclist on every query. Hand-written
-- (drizzle-kit cannot declare virtual tables). Stores nothing: it reads posts_fts.
CREATE VIRTUAL TABLE `posts_fts_vocab` USING fts5vocab(posts_fts, row);
