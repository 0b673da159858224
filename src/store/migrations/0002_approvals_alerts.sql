CREATE TABLE `alert_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` text,
	`sent_at` text,
	`file` text
);
--> statement-breakpoint
CREATE INDEX `alert_messages_status` ON `alert_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `alert_sent_findings` (
	`company_id` text NOT NULL,
	`recipient` text NOT NULL,
	`finding_key` text NOT NULL,
	`sent_magnitude` text NOT NULL,
	`severity` text NOT NULL,
	`sent_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `recipient`, `finding_key`)
);
--> statement-breakpoint
CREATE TABLE `proposal_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text,
	`transient` integer,
	`error` text,
	`pid` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_attempts_proposal` ON `proposal_attempts` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`side` text NOT NULL,
	`system` text NOT NULL,
	`operation` text NOT NULL,
	`payload` text NOT NULL,
	`diff` text NOT NULL,
	`summary` text NOT NULL,
	`finding_key` text,
	`idempotency_key` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`stale_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`target_ids` text,
	`last_error` text,
	`executed_at` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_idempotency_key_unique` ON `proposals` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `proposals_company_status` ON `proposals` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `proposals_finding` ON `proposals` (`company_id`,`finding_key`);