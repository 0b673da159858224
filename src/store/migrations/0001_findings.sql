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
CREATE INDEX `recon_runs_taken` ON `recon_runs` (`company_id`,`taken_at`);