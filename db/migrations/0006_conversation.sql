ALTER TABLE `attachments` ADD `kind` text DEFAULT 'file' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `intake_channel_id` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `answer_posted_at` integer;--> statement-breakpoint
ALTER TABLE `intake_channels` ADD `webhook_url` text;--> statement-breakpoint
ALTER TABLE `intake_channels` ADD `webhook_secret_sealed` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `medium` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `channel_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `attachment_ids` text;