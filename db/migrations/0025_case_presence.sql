CREATE TABLE `case_presence` (
	`case_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`is_writing` integer DEFAULT false NOT NULL,
	`until` integer NOT NULL,
	PRIMARY KEY(`case_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `case_presence_until_idx` ON `case_presence` (`until`);