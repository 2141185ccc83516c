-- A step closes its case's open tasks and scheduled timers and releases its ID-number claims by
-- the case's id and a status. With the case's id alone in an index, PostgreSQL joined it to a
-- partial index whose predicate is that status (open tasks, scheduled timers, claims without a
-- household) and read the whole partial index on every step: each entry of a task, timer or claim
-- that has since left the predicate stays in it until a vacuum, and a bitmap scan never marks one
-- dead, so the step read hundreds to thousands of entries to find a handful. With the status in
-- the case's index, one index finds exactly the case's rows.
CREATE INDEX IF NOT EXISTS "tasks_instance_status_idx" ON "tasks" USING btree ("instance_id", "status");
--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_instance_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "timers_instance_status_idx" ON "timers" USING btree ("instance_id", "status", "key");
--> statement-breakpoint
DROP INDEX IF EXISTS "timers_instance_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "id_number_claims_instance_household_idx" ON "id_number_claims" USING btree ("instance_id", "household_id");
--> statement-breakpoint
DROP INDEX IF EXISTS "id_number_claims_instance_idx";
