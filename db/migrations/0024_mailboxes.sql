CREATE TABLE `inbound_mail` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`message_key` text NOT NULL,
	`mailbox_id` integer,
	`uid_validity` integer,
	`uid` integer,
	`from_address` text,
	`subject` text,
	`received_at` integer NOT NULL,
	`size_bytes` integer NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`case_id` integer,
	`raw_stored_name` text,
	`reviewed_by_id` integer,
	`reviewed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_mail_key_uq` ON `inbound_mail` (`message_key`);--> statement-breakpoint
CREATE INDEX `inbound_mail_outcome_idx` ON `inbound_mail` (`outcome`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_mail_mailbox_idx` ON `inbound_mail` (`mailbox_id`,`uid_validity`,`uid`);--> statement-breakpoint
CREATE TABLE `mailboxes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`security` text DEFAULT 'tls' NOT NULL,
	`auth_kind` text DEFAULT 'password' NOT NULL,
	`username` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`oauth_token_url` text,
	`oauth_client_id` text,
	`oauth_client_secret_sealed` text,
	`oauth_scope` text,
	`access_token_sealed` text,
	`access_token_expires_at` integer,
	`ca_pem` text,
	`folder` text DEFAULT 'INBOX' NOT NULL,
	`processed_folder` text DEFAULT 'Procesados' NOT NULL,
	`team_id` integer,
	`max_bytes` integer DEFAULT 26214400 NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`last_pull_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`failing_since` integer,
	`alerted_at` integer,
	`backlog` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mailboxes_name_unique` ON `mailboxes` (`name`);