-- The API's tables and the inbox index. Databases started before this migration already have
-- them (the API created them at start), so every statement is idempotent.
CREATE TABLE IF NOT EXISTS "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" jsonb NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "task_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"task_id" uuid NOT NULL CONSTRAINT "task_comments_task_id_tasks_id_fk" REFERENCES "public"."tasks"("id"),
	"instance_id" uuid NOT NULL CONSTRAINT "task_comments_instance_id_instances_id_fk" REFERENCES "public"."instances"("id"),
	"author_id" uuid NOT NULL CONSTRAINT "task_comments_author_id_users_id_fk" REFERENCES "public"."users"("id"),
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_inbox_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_roles_idx";--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN IF NOT EXISTS "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "password_changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_events_tenant_at_idx" ON "audit_events" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "task_comments_task_idx" ON "task_comments" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
-- The inbox reads per-(definition, state) slices of open tasks in due order (api/inbox.query.ts):
-- partial on open tasks, covering its filters so counting needs no table access, and org_path in
-- the C collation so "everything below a unit" is one range whatever the database's collation.
CREATE INDEX IF NOT EXISTS "tasks_inbox_state_idx" ON "tasks" ("tenant_id", "definition_key", "state", "org_path" COLLATE "C", "due_at")
	INCLUDE ("candidate_roles", "assignee", "status") WHERE "status" IN ('open', 'claimed');
