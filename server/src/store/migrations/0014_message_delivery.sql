-- Messages delivered: each notification row (the outbox of 0008) names the task it is about and
-- when it is due (a reminder before a task's deadline, an escalation at it), is handed to the job
-- queue once (`enqueued_at`), and remembers which outside channels already took it, so a retry
-- after a failing channel sends nothing twice.
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "task_id" uuid;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "deliver_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "enqueued_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "channels_done" text[] DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- One due-soon reminder and one overdue escalation per task, however many nodes sweep.
CREATE UNIQUE INDEX IF NOT EXISTS "notifications_task_reminder_idx" ON "notifications" ("task_id", "kind") WHERE "kind" IN ('due_soon', 'overdue');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notifications_due_idx" ON "notifications" ("tenant_id", "deliver_at") WHERE "status" = 'pending';
--> statement-breakpoint
-- 催办 is rate-limited per task: the last urges of a task are found by this index.
CREATE INDEX IF NOT EXISTS "notifications_task_idx" ON "notifications" ("task_id", "kind", "created_at") WHERE "task_id" IS NOT NULL;
--> statement-breakpoint
-- The reminder sweep looks at open tasks with a deadline only.
CREATE INDEX IF NOT EXISTS "tasks_open_due_idx" ON "tasks" ("tenant_id", "due_at") WHERE "status" IN ('open', 'claimed') AND "due_at" IS NOT NULL;
--> statement-breakpoint
-- A mobile number for the SMS channel (optional; users without one get in-app messages only).
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "phone" text;
