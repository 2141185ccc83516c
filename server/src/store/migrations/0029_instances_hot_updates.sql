-- A step rewrites its instance row's `data`. The 回头看 backstop index was built over an expression
-- of `data`, which made every step's update touch an indexed column: no update of `instances` could
-- be HOT, so each step wrote a new entry into every index of the table. The year now lives in a
-- stored generated column that keeps its value when `data` changes, and the table leaves room in
-- its pages for the new row versions (fill factor 85; the column's rewrite applies it).
ALTER TABLE "instances" SET (fillfactor = 85);--> statement-breakpoint
DROP INDEX IF EXISTS "instances_registry_review_once";--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN IF NOT EXISTS "review_year" text
  GENERATED ALWAYS AS (CASE WHEN "definition_key" = 'registry-review' THEN "data"->'start'->>'year' END) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "instances_registry_review_once" ON "instances" USING btree ("tenant_id", "org_unit_id", "review_year")
  WHERE "definition_key" = 'registry-review' AND "status" <> 'terminated';
