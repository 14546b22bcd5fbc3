-- The vocabulary of case search (issue 15 §2): every word the index case_search holds, so that a
-- search for a prefix ("factura"*) can name its words ("factura" OR "facturacion" OR …) instead of
-- letting FTS5 merge their whole lists. FTS5 answers a prefix longer than its prefix indexes
-- (3 and 4 characters, 0001_case_search.sql) by merging, in memory, the list of every case of
-- every word that starts with it: for "factura"* at a million cases that is half a million entries
-- and 30 ms before the first result, however few are wanted. Named words are walked lazily, newest
-- case first, and stop at the page.
--
-- fts5vocab cannot list case_search's own words cheaply: it counts each word's cases as it passes
-- them. So the words live in a second FTS5 table, with the same tokenizer, where every text is
-- written under one rowid (1): each word's list there holds a single entry (FTS5 keeps the newest
-- entry of a rowid), so listing the words of a prefix costs one step per word. Without
-- positions: it stores words only, a few MB. Its content is an empty view, so that a
-- scan of the table (a generic dump of every table) reads nothing instead of failing, as it would
-- on a contentless table.
--
-- It is a superset: words are added whenever text enters case_search (the triggers below mirror
-- those of 0001) and never removed, so a word that left the index (an edited subject) stays listed
-- and matches nothing. Search relies on the other direction only: a word in case_search is here.
-- lib/server/cases/search-cases.ts reads it; db/sql/search.ts rebuilds it after bulk loads.
CREATE VIEW `case_search_terms_content` AS SELECT 0 AS id, NULL AS body WHERE 0;
--> statement-breakpoint
CREATE VIRTUAL TABLE `case_search_terms` USING fts5(
  body,
  content = 'case_search_terms_content',
  content_rowid = 'id',
  detail = 'none',
  columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `case_search_terms_case_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO case_search_terms (rowid, body)
  SELECT 1, concat_ws(' ', NEW.radicado, NEW.subject, NEW.description, cu.full_name, cu.document_number)
  FROM (SELECT 1) LEFT JOIN customers cu ON cu.id = NEW.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_search_terms_case_au` AFTER UPDATE OF radicado, subject, description, customer_id ON `cases`
WHEN OLD.radicado IS NOT NEW.radicado
  OR OLD.subject IS NOT NEW.subject
  OR OLD.description IS NOT NEW.description
  OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
  INSERT INTO case_search_terms (rowid, body)
  SELECT 1, concat_ws(' ', NEW.radicado, NEW.subject, NEW.description, cu.full_name, cu.document_number)
  FROM (SELECT 1) LEFT JOIN customers cu ON cu.id = NEW.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_search_terms_customer_au` AFTER UPDATE OF full_name, document_number ON `customers`
WHEN OLD.full_name IS NOT NEW.full_name OR OLD.document_number IS NOT NEW.document_number
BEGIN
  INSERT INTO case_search_terms (rowid, body)
  VALUES (1, concat_ws(' ', NEW.full_name, NEW.document_number));
END;
--> statement-breakpoint
CREATE TRIGGER `case_search_terms_event_ai` AFTER INSERT ON `case_events`
WHEN NEW.case_id IS NOT NULL AND NEW.body IS NOT NULL
BEGIN
  INSERT INTO case_search_terms (rowid, body) VALUES (1, NEW.body);
END;
--> statement-breakpoint
-- Backfill from the index's own vocabulary (one pass over it), then one segment.
CREATE VIRTUAL TABLE temp.`case_search_vocab_0014` USING fts5vocab(main, case_search, row);
--> statement-breakpoint
INSERT INTO case_search_terms (rowid, body)
SELECT 1, group_concat(term, ' ') FROM temp.case_search_vocab_0014 GROUP BY substr(term, 1, 2);
--> statement-breakpoint
DROP TABLE temp.`case_search_vocab_0014`;
--> statement-breakpoint
INSERT INTO case_search_terms (case_search_terms) VALUES ('optimize');
