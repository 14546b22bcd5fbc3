ALTER TABLE `cases` ADD `answer_delivered_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `answer_delivered_via` text;--> statement-breakpoint
CREATE INDEX `cases_undelivered_due_idx` ON `cases` (`due_at`) WHERE first_answered_at is not null and answer_delivered_at is null;--> statement-breakpoint
UPDATE `cases` SET `answer_delivered_at` = `answer_posted_at`, `answer_delivered_via` = 'postal' WHERE `answer_posted_at` IS NOT NULL;--> statement-breakpoint
UPDATE `cases` SET `answer_delivered_at` = d.`sent_at`, `answer_delivered_via` = d.`medium`
FROM (SELECT `case_id`, min(`sent_at`) AS `sent_at`, `medium` FROM `outbox`
      WHERE `kind` = 'answer' AND `status` = 'sent' AND `case_id` IS NOT NULL GROUP BY `case_id`) d
WHERE d.`case_id` = `cases`.`id` AND `cases`.`answer_delivered_at` IS NULL;
