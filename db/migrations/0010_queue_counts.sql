CREATE TABLE `queue_counts` (
	`team_id` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`state` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`team_id`, `assignee_id`, `state`)
);
--> statement-breakpoint
INSERT INTO `queue_counts` (`team_id`, `assignee_id`, `state`, `n`)
SELECT coalesce(`team_id`, 0), coalesce(`assignee_id`, 0), `state`, count(*) FROM `cases` GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `cases_queue_count_insert` AFTER INSERT ON `cases`
BEGIN
	INSERT INTO `queue_counts` (`team_id`, `assignee_id`, `state`, `n`)
	VALUES (coalesce(NEW.`team_id`, 0), coalesce(NEW.`assignee_id`, 0), NEW.`state`, 1)
	ON CONFLICT (`team_id`, `assignee_id`, `state`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_queue_count_delete` AFTER DELETE ON `cases`
BEGIN
	UPDATE `queue_counts` SET `n` = `n` - 1
	WHERE `team_id` = coalesce(OLD.`team_id`, 0) AND `assignee_id` = coalesce(OLD.`assignee_id`, 0)
		AND `state` = OLD.`state`;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_queue_count_update` AFTER UPDATE OF `team_id`, `assignee_id`, `state` ON `cases`
WHEN OLD.`team_id` IS NOT NEW.`team_id` OR OLD.`assignee_id` IS NOT NEW.`assignee_id`
	OR OLD.`state` IS NOT NEW.`state`
BEGIN
	UPDATE `queue_counts` SET `n` = `n` - 1
	WHERE `team_id` = coalesce(OLD.`team_id`, 0) AND `assignee_id` = coalesce(OLD.`assignee_id`, 0)
		AND `state` = OLD.`state`;
	INSERT INTO `queue_counts` (`team_id`, `assignee_id`, `state`, `n`)
	VALUES (coalesce(NEW.`team_id`, 0), coalesce(NEW.`assignee_id`, 0), NEW.`state`, 1)
	ON CONFLICT (`team_id`, `assignee_id`, `state`) DO UPDATE SET `n` = `n` + 1;
END;
