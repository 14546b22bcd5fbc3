CREATE TABLE `notification_preferences` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mode` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `staff_users` ADD `away_since` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `possible_repeat_of_id` integer;--> statement-breakpoint
CREATE INDEX `cases_response_address_idx` ON `cases` (lower("response_address"));--> statement-breakpoint
ALTER TABLE `notifications` ADD `mailed_at` integer;--> statement-breakpoint
CREATE INDEX `customers_email_idx` ON `customers` (lower("email"));