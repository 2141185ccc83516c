-- After registration: who helps whom (帮扶责任人 with history), the 一户一策 plan per household and
-- year, the measures as records, and what a 帮扶记录卡 entry is (visit, measure, result).
-- Departments and 帮扶单位 are org units of level "department" (no DDL: org_units.level is text).
CREATE TABLE "household_helpers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"helper_user_id" uuid NOT NULL,
	"help_kind" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" text NOT NULL,
	"reason" text,
	"source_instance_id" uuid,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "household_helpers" ADD CONSTRAINT "household_helpers_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_helpers" ADD CONSTRAINT "household_helpers_helper_user_id_users_id_fk" FOREIGN KEY ("helper_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "household_helpers_current_idx" ON "household_helpers" USING btree ("tenant_id","household_id") WHERE "ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "household_helpers_helper_idx" ON "household_helpers" USING btree ("tenant_id","helper_user_id") WHERE "ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "household_helpers_history_idx" ON "household_helpers" USING btree ("tenant_id","household_id","assigned_at");--> statement-breakpoint
CREATE TABLE "help_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_plans" ADD CONSTRAINT "help_plans_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "help_plans_household_year_idx" ON "help_plans" USING btree ("tenant_id","household_id","year");--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"member_name" text,
	"data" jsonb NOT NULL,
	"org_unit_id" text NOT NULL,
	"entered_by" uuid,
	"entered_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measures_household_idx" ON "measures" USING btree ("tenant_id","household_id","year");--> statement-breakpoint
CREATE INDEX "measures_kind_idx" ON "measures" USING btree ("tenant_id","kind","year");--> statement-breakpoint
ALTER TABLE "help_records" ADD COLUMN "entry_kind" text DEFAULT 'measure' NOT NULL;--> statement-breakpoint
ALTER TABLE "help_records" ADD COLUMN "result" text;--> statement-breakpoint
ALTER TABLE "help_records" ADD COLUMN "entered_by" uuid;--> statement-breakpoint
CREATE INDEX "help_records_household_id_idx" ON "help_records" USING btree ("tenant_id","household_id","date");
