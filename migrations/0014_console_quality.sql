CREATE TABLE `canned_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`department_id` text,
	`scope` text DEFAULT '' NOT NULL,
	`shortcut` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `canned_responses_scope_shortcut_idx` ON `canned_responses` (`account_id`,`scope`,`shortcut`);--> statement-breakpoint
CREATE TABLE `chat_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`chat_id` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`attendant_id` text,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`width` integer,
	`height` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chat_attachments_chat_idx` ON `chat_attachments` (`chat_id`);--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `attachment_id` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `page_title` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `abandoned_at` integer;