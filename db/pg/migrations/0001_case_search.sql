-- Case search on PostgreSQL (SQLite's is FTS5: db/migrations/0001 and 0014).
--
-- One row per case in case_search with its tsvector, kept by the triggers below in the same
-- transaction as the write that changes the text. The text itself stays where it lives (cases,
-- customers, case_events): headlines of a page of results read it there.
--
-- ventanilla_es is PostgreSQL's Spanish configuration with unaccent before the stemmer, so
-- "facturacion" finds "facturación" and "facturas" finds "factura". Weights: the radicado and the
-- subject A, the petitioner's name and document B, the description C, the messages D.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION ventanilla_es (COPY = pg_catalog.spanish);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION ventanilla_es
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
--> statement-breakpoint
CREATE TABLE case_search (
  case_id bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  document tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX case_search_document_idx ON case_search USING gin (document);
--> statement-breakpoint
-- Every message of a case (any event with a body, public or internal: search is for staff only),
-- in event order.
CREATE FUNCTION case_search_messages(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT string_agg(e.body, E'\n' ORDER BY e.id) FROM case_events e
   WHERE e.case_id = $1 AND e.body IS NOT NULL
$$;
--> statement-breakpoint
-- Text as the index reads it: hyphens split words, as SQLite's tokenizer splits them, so
-- "000123" and "2026 000123" find PQRS-2026-000123 (PostgreSQL's parser would keep "-000123").
CREATE FUNCTION case_search_words(text) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('ventanilla_es', replace(coalesce($1, ''), '-', ' '))
$$;
--> statement-breakpoint
-- A case's document from its texts: radicado, subject, petitioner (name and document),
-- description, messages. Also used by the rebuild (db/pg/search.ts), set-based.
CREATE FUNCTION case_search_vector(text, text, text, text, text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(case_search_words($1 || ' ' || $2), 'A')
      || setweight(case_search_words($3), 'B')
      || setweight(case_search_words($4), 'C')
      || setweight(case_search_words($5), 'D')
$$;
--> statement-breakpoint
CREATE FUNCTION case_search_document(bigint) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT case_search_vector(c.radicado, c.subject, concat_ws(' ', cu.full_name, cu.document_number),
                            c.description, case_search_messages(c.id))
    FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
   WHERE c.id = $1
$$;
--> statement-breakpoint
CREATE FUNCTION case_search_case_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_search (case_id, document) VALUES (NEW.id, case_search_document(NEW.id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Reindexing a case from its texts: first its row's lock, then (a new statement, so a new
-- snapshot) the text. A message another transaction added meanwhile has committed by the time the
-- lock is ours, and is read; computed before waiting, the document would drop its words.
CREATE FUNCTION case_search_reindex(bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM case_search WHERE case_id = ANY($1) ORDER BY case_id FOR UPDATE;
  UPDATE case_search SET document = case_search_document(case_id) WHERE case_id = ANY($1);
END
$$;
--> statement-breakpoint
CREATE FUNCTION case_search_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_search_reindex(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_search_case_ai AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION case_search_case_added();
--> statement-breakpoint
CREATE TRIGGER case_search_case_au AFTER UPDATE OF radicado, subject, description, customer_id ON cases
  FOR EACH ROW WHEN (OLD.radicado IS DISTINCT FROM NEW.radicado
    OR OLD.subject IS DISTINCT FROM NEW.subject
    OR OLD.description IS DISTINCT FROM NEW.description
    OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION case_search_case_changed();
--> statement-breakpoint
-- A renamed or anonymised petitioner: every case of theirs is indexed again.
CREATE FUNCTION case_search_customer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_search_reindex(ARRAY(SELECT id FROM cases WHERE customer_id = NEW.id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_search_customer_au AFTER UPDATE OF full_name, document_number ON customers
  FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name
    OR OLD.document_number IS DISTINCT FROM NEW.document_number)
  EXECUTE FUNCTION case_search_customer_changed();
--> statement-breakpoint
-- Events are append-only (the hash chain forbids edits): a message adds its words to its case.
-- Waiting for a reindex's lock, the update then appends to the reindexed document.
CREATE FUNCTION case_search_event_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_search SET document = document || setweight(case_search_words(NEW.body), 'D')
   WHERE case_id = NEW.case_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_search_event_ai AFTER INSERT ON case_events
  FOR EACH ROW WHEN (NEW.case_id IS NOT NULL AND NEW.body IS NOT NULL)
  EXECUTE FUNCTION case_search_event_added();
