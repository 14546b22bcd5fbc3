CREATE TABLE `filing_submissions` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
