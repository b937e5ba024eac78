CREATE TABLE `offline_message_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`offline_message_id` text NOT NULL,
	`author_type` text NOT NULL,
	`author_id` text,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`email_message_id` text,
	`outbox_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offline_message_id`) REFERENCES `offline_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offline_message_entries_message_idx` ON `offline_message_entries` (`offline_message_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `offline_message_entries_email_idx` ON `offline_message_entries` (`account_id`,`email_message_id`) WHERE email_message_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `ticket_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`email_message_id` text,
	`outbox_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_entries_ticket_idx` ON `ticket_entries` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_entries_email_idx` ON `ticket_entries` (`account_id`,`email_message_id`) WHERE email_message_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`number` integer NOT NULL,
	`subject` text NOT NULL,
	`customer_id` text NOT NULL,
	`department_id` text,
	`status` text DEFAULT 'new' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`assignee_id` text,
	`source` text NOT NULL,
	`source_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `attendants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_account_number_idx` ON `tickets` (`account_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_account_status_idx` ON `tickets` (`account_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_account_department_idx` ON `tickets` (`account_id`,`department_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_account_assignee_idx` ON `tickets` (`account_id`,`assignee_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_customer_idx` ON `tickets` (`customer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_source_idx` ON `tickets` (`account_id`,`source`,`source_id`) WHERE source_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `offline_messages` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `offline_messages` ADD `ticket_id` text;--> statement-breakpoint
CREATE INDEX `offline_messages_account_status_idx` ON `offline_messages` (`account_id`,`status`,`created_at`);