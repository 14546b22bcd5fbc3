ALTER TABLE `case_types` ADD `handle_target_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `first_answered_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `answered_on_time` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `answer_business_days` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `sla_met` integer;--> statement-breakpoint
CREATE INDEX `cases_first_answered_idx` ON `cases` (`first_answered_at`);--> statement-breakpoint
CREATE INDEX `cases_figures_idx` ON `cases` (`received_at`,`type_code`,`channel`,`state`,`team_id`,`assignee_id`,`process_id`,`root_cause_id`,`first_answered_at`,`answered_on_time`,`answer_business_days`,`sla_met`,`reopen_count`,`repeat_contact_count`,`due_at`,`decision`);--> statement-breakpoint
UPDATE `cases` SET `first_answered_at` = (SELECT min(`created_at`) FROM `case_events` e WHERE e.`case_id` = `cases`.`id` AND e.`action` = 'answer');
