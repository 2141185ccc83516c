-- At most one draft per definition key and per form key (the admin editor's working copy); the API
-- also serialises drafting per key, this makes it hold whatever writes the rows.
CREATE UNIQUE INDEX IF NOT EXISTS "definitions_one_draft_idx" ON "definitions" USING btree ("tenant_id","key") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "forms_one_draft_idx" ON "forms" USING btree ("tenant_id","key") WHERE status = 'draft';
