-- Interest subsidies posted from micro-credit measure records: each posting names the loan's
-- measure and the loan year it subsidises, so the posting job can run any number of times and
-- posts each loan year once.
ALTER TABLE "fund_allocations" ADD COLUMN IF NOT EXISTS "measure_id" uuid;
--> statement-breakpoint
ALTER TABLE "fund_allocations" ADD COLUMN IF NOT EXISTS "loan_year" integer;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "fund_allocations_measure_year_idx" ON "fund_allocations" ("tenant_id", "measure_id", "loan_year") WHERE "measure_id" IS NOT NULL;
