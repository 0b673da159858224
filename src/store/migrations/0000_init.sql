CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`company_id` text,
	`entity` text NOT NULL,
	`before` text,
	`after` text,
	`note` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connector_state` (
	`company_id` text NOT NULL,
	`side` text NOT NULL,
	`system` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connector_state_company_side` ON `connector_state` (`company_id`,`side`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`error_code` text,
	`error` text,
	`failed_side` text,
	`snapshot_id` text,
	`stats` text,
	`pid` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `runs_company_started` ON `runs` (`company_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`run_id` text NOT NULL,
	`path` text NOT NULL,
	`taken_at` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`pinned_reason` text,
	`deleted_at` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshots_path` ON `snapshots` (`path`);--> statement-breakpoint
CREATE INDEX `snapshots_company_taken` ON `snapshots` (`company_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `finding_observations` (
	`company_id` text NOT NULL,
	`snapshot_id` text NOT NULL,
	`finding_key` text NOT NULL,
	`drift` text NOT NULL,
	`previous_difference` text,
	`finding` text NOT NULL,
	PRIMARY KEY(`company_id`, `snapshot_id`, `finding_key`)
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`company_id` text NOT NULL,
	`finding_key` text NOT NULL,
	`check_id` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`first_seen_snapshot` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`last_seen_snapshot` text NOT NULL,
	`last_difference` text,
	`resolved_at` text,
	`acted_by` text,
	`acted_at` text,
	`note` text,
	`ignored_difference` text,
	`latest` text NOT NULL,
	PRIMARY KEY(`company_id`, `finding_key`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_company_status` ON `findings` (`company_id`,`status`);--> statement-breakpoint
CREATE TABLE `recon_runs` (
	`company_id` text NOT NULL,
	`snapshot_id` text NOT NULL,
	`taken_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`complete` integer NOT NULL,
	`finding_count` integer NOT NULL,
	PRIMARY KEY(`company_id`, `snapshot_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recon_runs_taken` ON `recon_runs` (`company_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `wip_closed_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`period` text NOT NULL,
	`as_of` text NOT NULL,
	`snapshot_id` text NOT NULL,
	`snapshot_path` text NOT NULL,
	`result_json` text NOT NULL,
	`result_sha256` text NOT NULL,
	`closed_by` text NOT NULL,
	`closed_at` text NOT NULL,
	`reopened_by` text,
	`reopened_at` text,
	`reopen_reason` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wip_closed_periods_company_period` ON `wip_closed_periods` (`company_id`,`period`);--> statement-breakpoint
CREATE TABLE `wip_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`job_number` text NOT NULL,
	`period` text NOT NULL,
	`estimated_total_cost` text,
	`contract_amount` text,
	`uninstalled_materials` text,
	`note` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` text NOT NULL,
	`superseded_at` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wip_overrides_company_period` ON `wip_overrides` (`company_id`,`period`,`job_number`);