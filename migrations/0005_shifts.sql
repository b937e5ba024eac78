CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`department_id` text,
	`name` text NOT NULL,
	`intervals` text NOT NULL,
	`exceptions` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shifts_account_department_idx` ON `shifts` (`account_id`,`department_id`);--> statement-breakpoint
ALTER TABLE `attendants` ADD `shift_id` text;--> statement-breakpoint
ALTER TABLE `attendants` ADD `max_chats` integer;