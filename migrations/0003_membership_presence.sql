CREATE TABLE `department_presence` (
	`account_id` text NOT NULL,
	`department_id` text NOT NULL,
	`online` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `department_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `attendant_departments` ADD `attends` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `attendant_departments` ADD `manages` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Until now a department manager's rows named the departments they manage (and they counted as present there): keep both.
UPDATE `attendant_departments` SET `manages` = 1 WHERE `attendant_id` IN (SELECT `id` FROM `attendants` WHERE `role` = 'department_manager');
