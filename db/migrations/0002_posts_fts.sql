-- Full-text index over posts(title, text) for posts search (db/queries/search.ts). Hand-written
-- (drizzle-kit cannot declare virtual tables): external content, so the text is stored once in posts
-- and posts_fts holds only the index; the triggers keep it in step with every insert, delete and edit.
CREATE VIRTUAL TABLE `posts_fts` USING fts5(title, text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `posts_fts_ai` AFTER INSERT ON `posts` BEGIN
  INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_ad` AFTER DELETE ON `posts` BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_au` AFTER UPDATE OF title, text ON `posts` WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
--> statement-breakpoint
INSERT INTO posts_fts(posts_fts) VALUES ('rebuild');
