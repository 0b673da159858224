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