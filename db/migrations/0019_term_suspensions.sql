CREATE TABLE `term_suspensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`act` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`type_codes` text,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `term_suspensions_to_idx` ON `term_suspensions` (`to_date`);--> statement-breakpoint
ALTER TABLE `case_pauses` ADD `suspension_id` integer;