CREATE TABLE `chat_surveys` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`department_id` text NOT NULL,
	`attendant_id` text,
	`solved` integer NOT NULL,
	`grade` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendant_id`) REFERENCES `attendants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "chat_surveys_grade_check" CHECK("chat_surveys"."grade" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `chat_surveys_account_department_idx` ON `chat_surveys` (`account_id`,`department_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `chat_surveys_account_attendant_idx` ON `chat_surveys` (`account_id`,`attendant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_account_verified_email_idx` ON `customers` (`account_id`,`verified_email`) WHERE verified_email IS NOT NULL;