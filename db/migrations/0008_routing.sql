CREATE TABLE `routing_rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`valid_from` integer NOT NULL,
	`default_team_id` integer NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`default_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routing_rule_sets_valid_idx` ON `routing_rule_sets` (`valid_from`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`type_code` text,
	`channel` text,
	`category_id` integer,
	`priority` text,
	`keywords` text,
	`team_id` integer NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `routing_rule_sets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routing_rules_set_idx` ON `routing_rules` (`set_id`,`position`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `is_available` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `assignment_mode` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `last_assigned_id` integer;