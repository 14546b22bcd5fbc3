-- Two instances could both have started a run before this index: the older ones are interrupted.
UPDATE audit_verifications SET status = 'interrupted', finished_at = started_at
  WHERE status = 'running'
    AND id <> (SELECT max(id) FROM audit_verifications WHERE status = 'running');--> statement-breakpoint
CREATE UNIQUE INDEX `audit_verifications_one_running_idx` ON `audit_verifications` (`status`) WHERE status = 'running';