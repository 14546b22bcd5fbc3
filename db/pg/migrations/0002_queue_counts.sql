-- The queues' counts per team, assignee and state (SQLite's are db/migrations/0010): kept by a
-- trigger in the same transaction as the case's write, so a tab's number never needs a count of
-- the cases. Team and assignee 0 stand for none.
CREATE FUNCTION queue_counts_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE queue_counts SET n = n - 1
     WHERE team_id = coalesce(OLD.team_id, 0) AND assignee_id = coalesce(OLD.assignee_id, 0)
       AND state = OLD.state;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO queue_counts (team_id, assignee_id, state, n)
    VALUES (coalesce(NEW.team_id, 0), coalesce(NEW.assignee_id, 0), NEW.state, 1)
    ON CONFLICT (team_id, assignee_id, state) DO UPDATE SET n = queue_counts.n + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_queue_count_insert AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION queue_counts_case_changed();
--> statement-breakpoint
CREATE TRIGGER cases_queue_count_delete AFTER DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION queue_counts_case_changed();
--> statement-breakpoint
CREATE TRIGGER cases_queue_count_update AFTER UPDATE OF team_id, assignee_id, state ON cases
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id
    OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION queue_counts_case_changed();
