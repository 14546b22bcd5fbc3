CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer,
	`case_id` integer,
	`policy_version` text NOT NULL,
	`accepted_at` integer NOT NULL,
	`channel` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_customer_idx` ON `consents` (`customer_id`);--> statement-breakpoint
CREATE INDEX `consents_case_idx` ON `consents` (`case_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_type` text NOT NULL,
	`document_number` text NOT NULL,
	`full_name` text NOT NULL,
	`email` text,
	`phone` text,
	`address` text,
	`locale` text DEFAULT 'es' NOT NULL,
	`anonymized_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_document_uq` ON `customers` (`document_type`,`document_number`);--> statement-breakpoint
CREATE INDEX `customers_document_number_idx` ON `customers` (`document_number`);--> statement-breakpoint
CREATE INDEX `customers_name_idx` ON `customers` (`full_name`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`team_id` integer,
	`locale` text DEFAULT 'es' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_uq` ON `staff_users` (lower("email"));--> statement-breakpoint
CREATE INDEX `staff_users_team_idx` ON `staff_users` (`team_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`supervisor_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `case_type_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type_code` text NOT NULL,
	`term_days` integer,
	`valid_from` integer NOT NULL,
	`reason` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`type_code`) REFERENCES `case_types`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_type_terms_type_valid_idx` ON `case_type_terms` (`type_code`,`valid_from`);--> statement-breakpoint
CREATE TABLE `case_types` (
	`code` text PRIMARY KEY NOT NULL,
	`allows_anonymous` integer NOT NULL,
	`is_active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (`name`);--> statement-breakpoint
CREATE TABLE `closure_days` (
	`date` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organization` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tax_id` text,
	`logo_path` text,
	`radicado_prefix` text DEFAULT 'PQRS' NOT NULL,
	`time_zone` text DEFAULT 'America/Bogota' NOT NULL,
	`works_saturday` integer DEFAULT false NOT NULL,
	`receipt_rule` text DEFAULT 'calendar_day' NOT NULL,
	`closing_hour` integer,
	`business_hours_start` integer DEFAULT 8 NOT NULL,
	`business_hours_end` integer DEFAULT 17 NOT NULL,
	`disagreement_window_days` integer DEFAULT 10 NOT NULL,
	`privacy_policy_text` text DEFAULT '' NOT NULL,
	`privacy_policy_version` text DEFAULT '1' NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `processes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`owner_id` integer,
	`is_active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `processes_name_unique` ON `processes` (`name`);--> statement-breakpoint
CREATE TABLE `root_causes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`name` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `root_causes_process_name_uq` ON `root_causes` (`process_id`,`name`);--> statement-breakpoint
CREATE TABLE `service_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type_code` text,
	`category_id` integer,
	`priority` text,
	`first_response_hours` integer NOT NULL,
	`resolution_days` integer NOT NULL,
	`valid_from` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`type_code`) REFERENCES `case_types`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_levels_lookup_idx` ON `service_levels` (`type_code`,`category_id`,`priority`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`type_code` text,
	`is_active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_name_unique` ON `templates` (`name`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`event_id` integer,
	`original_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `case_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_stored_name_unique` ON `attachments` (`stored_name`);--> statement-breakpoint
CREATE INDEX `attachments_case_idx` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer,
	`action` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_id` integer,
	`from_state` text,
	`to_state` text,
	`visibility` text NOT NULL,
	`body` text,
	`data` text,
	`created_at` integer NOT NULL,
	`prev_hash` text,
	`hash` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_events_actor_idx` ON `case_events` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `case_events_action_idx` ON `case_events` (`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `case_links` (
	`case_id` integer NOT NULL,
	`related_case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `related_case_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`related_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_links_related_idx` ON `case_links` (`related_case_id`);--> statement-breakpoint
CREATE TABLE `case_pauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`paused_at` integer NOT NULL,
	`resumed_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_pauses_case_idx` ON `case_pauses` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`radicado` text NOT NULL,
	`type_code` text NOT NULL,
	`state` text NOT NULL,
	`channel` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`priority_reason` text,
	`customer_id` integer,
	`is_anonymous` integer DEFAULT false NOT NULL,
	`access_code_hash` text,
	`response_medium` text DEFAULT 'email' NOT NULL,
	`response_address` text,
	`locale` text DEFAULT 'es' NOT NULL,
	`team_id` integer,
	`assignee_id` integer,
	`category_id` integer,
	`process_id` integer,
	`root_cause_id` integer,
	`received_at` integer NOT NULL,
	`term_days` integer,
	`due_date` text,
	`due_at` integer,
	`extended_due_date` text,
	`extension_reason` text,
	`is_paused` integer DEFAULT false NOT NULL,
	`first_response_at` integer,
	`answered_at` integer,
	`decision` text,
	`closed_at` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`repeat_contact_count` integer DEFAULT 0 NOT NULL,
	`merged_into_id` integer,
	`transfer_destination` text,
	`created_by_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`root_cause_id`) REFERENCES `root_causes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_radicado_unique` ON `cases` (`radicado`);--> statement-breakpoint
CREATE INDEX `cases_state_due_idx` ON `cases` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_assignee_state_due_idx` ON `cases` (`assignee_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_team_state_due_idx` ON `cases` (`team_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_received_idx` ON `cases` (`received_at`);--> statement-breakpoint
CREATE INDEX `cases_type_received_idx` ON `cases` (`type_code`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_channel_received_idx` ON `cases` (`channel`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_process_received_idx` ON `cases` (`process_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_customer_idx` ON `cases` (`customer_id`);--> statement-breakpoint
CREATE INDEX `cases_open_due_idx` ON `cases` (`due_at`) WHERE state in ('radicada', 'en_tramite', 'requiere_informacion');--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`event_id` integer,
	`kind` text NOT NULL,
	`direction` text NOT NULL,
	`staff_id` integer,
	`body` text,
	`duration_seconds` integer,
	`outcome` text,
	`template_id` integer,
	`is_canned` integer DEFAULT false NOT NULL,
	`handle_seconds` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `case_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interactions_case_idx` ON `interactions` (`case_id`);--> statement-breakpoint
CREATE INDEX `interactions_staff_idx` ON `interactions` (`staff_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `promises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`description` text NOT NULL,
	`owner_id` integer,
	`team_id` integer,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`is_visible_to_customer` integer DEFAULT true NOT NULL,
	`resolved_at` integer,
	`predecessor_id` integer,
	`renegotiation_reason` text,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promises_case_idx` ON `promises` (`case_id`);--> statement-breakpoint
CREATE INDEX `promises_status_due_idx` ON `promises` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `promises_owner_status_due_idx` ON `promises` (`owner_id`,`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `problem_cases` (
	`problem_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `case_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_cases_case_idx` ON `problem_cases` (`case_id`);--> statement-breakpoint
CREATE TABLE `problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`process_id` integer,
	`root_cause_id` integer,
	`owner_id` integer,
	`corrective_action` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_at` integer,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`root_cause_id`) REFERENCES `root_causes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problems_process_idx` ON `problems` (`process_id`,`status`);--> statement-breakpoint
CREATE TABLE `quality_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`interaction_id` integer,
	`source` text NOT NULL,
	`reviewer_id` integer,
	`agent_id` integer,
	`courtesy` integer,
	`clarity` integer,
	`empathy` integer,
	`greeting` integer,
	`accuracy` integer,
	`personal_touch` integer,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quality_ratings_case_idx` ON `quality_ratings` (`case_id`);--> statement-breakpoint
CREATE INDEX `quality_ratings_agent_idx` ON `quality_ratings` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `result_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `result_ratings_case_uq` ON `result_ratings` (`case_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`name` text NOT NULL,
	`key_prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`signing_secret_hash` text,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `intake_channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_uq` ON `api_keys` (`key_prefix`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`api_key_id` integer NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`api_key_id`, `key`),
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `intake_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intake_channels_name_unique` ON `intake_channels` (`name`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`last_tick_at` integer
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`case_id` integer,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`read_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_key_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_user_read_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`case_id` integer,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`body_html` text,
	`locale` text DEFAULT 'es' NOT NULL,
	`message_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_status_next_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_case_idx` ON `outbox` (`case_id`);--> statement-breakpoint
CREATE TABLE `radicado_sequences` (
	`prefix` text NOT NULL,
	`year` integer NOT NULL,
	`last_value` integer NOT NULL,
	PRIMARY KEY(`prefix`, `year`)
);
