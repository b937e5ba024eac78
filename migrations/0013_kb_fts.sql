-- Search of the Base de Conhecimento (FTS5, external content on kb_articles: the index holds only
-- tokens). Title, description and the Markdown body are indexed; drafts are indexed too and the
-- public search filters on status. unicode61 with remove_diacritics 2 makes "nao" find "não".
CREATE VIRTUAL TABLE `kb_articles_fts` USING fts5(title, description, body, content='kb_articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_insert` AFTER INSERT ON `kb_articles` BEGIN
  INSERT INTO kb_articles_fts (rowid, title, description, body) VALUES (new.rowid, new.title, new.description, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_delete` AFTER DELETE ON `kb_articles` BEGIN
  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, description, body) VALUES ('delete', old.rowid, old.title, old.description, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_fts_update` AFTER UPDATE OF title, description, body ON `kb_articles` BEGIN
  INSERT INTO kb_articles_fts (kb_articles_fts, rowid, title, description, body) VALUES ('delete', old.rowid, old.title, old.description, old.body);
  INSERT INTO kb_articles_fts (rowid, title, description, body) VALUES (new.rowid, new.title, new.description, new.body);
END;
