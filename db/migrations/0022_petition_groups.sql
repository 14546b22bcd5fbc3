CREATE TABLE `petition_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`matter` text NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`answer_body` text,
	`decision` text,
	`answered_by_id` integer,
	`answered_at` integer,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `petition_group_id` integer;--> statement-breakpoint
CREATE INDEX `cases_petition_group_idx` ON `cases` (`petition_group_id`) WHERE petition_group_id is not null;