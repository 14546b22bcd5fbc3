ALTER TABLE `case_type_terms` ADD `extension_days` integer;--> statement-breakpoint
ALTER TABLE `organization` ADD `regime` text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `regime` text DEFAULT 'general' NOT NULL;