-- Case search (lib/server/search-cases.ts is the only reader and writer besides these triggers).
--
-- One FTS5 row per case, rowid = cases.id. The table is EXTERNAL-CONTENT over the view
-- case_search_source rather than contentless or content-storing:
--   * snippet() and highlight() need the text; a contentless table cannot give it back;
--   * the text already lives in cases, customers and case_events: a content-storing table (or a
--     copy table) would keep a second copy of every description and message, hundreds of MB at a
--     million cases, for nothing;
--   * FTS5 reads the content only for the rows it is asked to highlight (a page of results) and
--     when rebuilding.
-- The price of external content: FTS5 cannot read the old text itself, so every trigger below
-- first removes a row with exactly the text it was indexed with ('delete' + old values), then
-- inserts the current text from the view. That is exact because case_events is append-only (rows
-- are never updated or deleted: the hash chain forbids it), so a case's old messages are its
-- current ones minus the event just inserted.
--
-- unicode61 with remove_diacritics 2 folds case and accents: "facturacion" finds "facturación".
-- Every searched word is a prefix term ("factur"*). FTS5 answers a prefix by merging the lists of
-- every word that starts with it, which for a short one ("con", "resp") means most of the index;
-- prefix indexes for 3 and 4 characters make those a single lookup (shorter words match exactly).
-- Messages are joined in event order, so the text the view gives is the text that was indexed.
CREATE VIEW `case_search_source` AS
SELECT
  c.id AS case_id,
  c.radicado AS radicado,
  c.subject AS subject,
  c.description AS description,
  cu.full_name AS customer_name,
  cu.document_number AS document_number,
  (
    SELECT group_concat(e.body, char(10) ORDER BY e.id)
    FROM case_events e
    WHERE e.case_id = c.id AND e.body IS NOT NULL
  ) AS messages
FROM cases c
LEFT JOIN customers cu ON cu.id = c.customer_id;
--> statement-breakpoint
CREATE VIRTUAL TABLE `case_search` USING fts5(
  radicado,
  subject,
  description,
  customer_name,
  document_number,
  messages,
  content = 'case_search_source',
  content_rowid = 'case_id',
  prefix = '3 4',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- A new case has no events yet; its first message arrives through case_search_event_ai.
CREATE TRIGGER `case_search_case_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT case_id, radicado, subject, description, customer_name, document_number, messages
  FROM case_search_source WHERE case_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_search_case_au` AFTER UPDATE OF radicado, subject, description, customer_id ON `cases`
WHEN OLD.radicado IS NOT NEW.radicado
  OR OLD.subject IS NOT NEW.subject
  OR OLD.description IS NOT NEW.description
  OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
  INSERT INTO case_search (case_search, rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT 'delete', OLD.id, OLD.radicado, OLD.subject, OLD.description,
    (SELECT full_name FROM customers WHERE id = OLD.customer_id),
    (SELECT document_number FROM customers WHERE id = OLD.customer_id),
    messages
  FROM case_search_source WHERE case_id = OLD.id;
  INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT case_id, radicado, subject, description, customer_name, document_number, messages
  FROM case_search_source WHERE case_id = NEW.id;
END;
--> statement-breakpoint
-- Cases are not deleted in normal operation (anonymisation keeps the row); this keeps the index
-- exact if a tool ever does. Events must already be gone (foreign key), so messages are null.
CREATE TRIGGER `case_search_case_ad` AFTER DELETE ON `cases` BEGIN
  INSERT INTO case_search (case_search, rowid, radicado, subject, description, customer_name, document_number, messages)
  VALUES ('delete', OLD.id, OLD.radicado, OLD.subject, OLD.description,
    (SELECT full_name FROM customers WHERE id = OLD.customer_id),
    (SELECT document_number FROM customers WHERE id = OLD.customer_id),
    (SELECT group_concat(e.body, char(10) ORDER BY e.id) FROM case_events e
      WHERE e.case_id = OLD.id AND e.body IS NOT NULL));
END;
--> statement-breakpoint
-- A renamed or anonymised customer: every case of theirs is reindexed (cases_customer_idx).
CREATE TRIGGER `case_search_customer_au` AFTER UPDATE OF full_name, document_number ON `customers`
WHEN OLD.full_name IS NOT NEW.full_name OR OLD.document_number IS NOT NEW.document_number
BEGIN
  INSERT INTO case_search (case_search, rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT 'delete', case_id, radicado, subject, description, OLD.full_name, OLD.document_number, messages
  FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE customer_id = OLD.id);
  INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT case_id, radicado, subject, description, customer_name, document_number, messages
  FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE customer_id = NEW.id);
END;
--> statement-breakpoint
-- Replies, answers, requests for information, notes, repeat contacts, disagreements, reopenings,
-- reasons …: any event with a body adds its text to its case. Public and internal alike: search is
-- for staff only.
CREATE TRIGGER `case_search_event_ai` AFTER INSERT ON `case_events`
WHEN NEW.case_id IS NOT NULL AND NEW.body IS NOT NULL
BEGIN
  INSERT INTO case_search (case_search, rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT 'delete', case_id, radicado, subject, description, customer_name, document_number,
    (SELECT group_concat(e.body, char(10) ORDER BY e.id) FROM case_events e
      WHERE e.case_id = NEW.case_id AND e.body IS NOT NULL AND e.id <> NEW.id)
  FROM case_search_source WHERE case_id = NEW.case_id;
  INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
  SELECT case_id, radicado, subject, description, customer_name, document_number, messages
  FROM case_search_source WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
-- Backfill: index every existing case from the view, then merge the index into one segment.
INSERT INTO case_search (case_search) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO case_search (case_search) VALUES ('optimize');
