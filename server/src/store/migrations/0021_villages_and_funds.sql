-- Villages (相对贫困村 register and yearly indicators) and the poverty-alleviation fund ledger.
-- A village's register row is its designation by the county's rule (per-capita income below the
-- line and poor people at least the share of its registered population) and its exit (出列).
CREATE TABLE IF NOT EXISTS "villages" (
	"tenant_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"designated" boolean DEFAULT false NOT NULL,
	"designation_basis" jsonb,
	"exited_year" integer,
	"exited_on" text,
	"exit_instance_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("tenant_id", "org_unit_id")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "villages_path_idx" ON "villages" ("tenant_id", "org_path");
--> statement-breakpoint
-- One row per village and year: what the village recorded (集体收入, 道路, 饮水, 电, 卫生站, 宽带, 人均可支配收入).
CREATE TABLE IF NOT EXISTS "village_indicators" (
	"tenant_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"year" integer NOT NULL,
	"registered_population" integer NOT NULL,
	"poor_population" integer NOT NULL,
	"per_capita_income" numeric(14, 2) NOT NULL,
	"collective_income" numeric(14, 2) NOT NULL,
	"road" boolean NOT NULL,
	"water" boolean NOT NULL,
	"power" boolean NOT NULL,
	"clinic" boolean NOT NULL,
	"broadband" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("tenant_id", "org_unit_id", "year")
);
--> statement-breakpoint
-- Money received into the county's poverty funds, by source and year (the county's budgeted
-- special funds from the configuration, and receipts the county records).
CREATE TABLE IF NOT EXISTS "fund_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL CHECK ("amount" > 0),
	"basis" text NOT NULL,
	"document_number" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "fund_receipts_config_idx" ON "fund_receipts" ("tenant_id", "year", "source", "basis") WHERE "document_number" IS NULL;
--> statement-breakpoint
-- Money set aside from a source and year: to a project when the county approves it, or as a
-- micro-credit loan's interest subsidy. Written in the step's transaction.
CREATE TABLE IF NOT EXISTS "fund_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL CHECK ("kind" IN ('project', 'interest_subsidy')),
	"amount" numeric(14, 2) NOT NULL CHECK ("amount" >= 0),
	"project_id" uuid,
	"instance_id" uuid,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_allocations_year_idx" ON "fund_allocations" ("tenant_id", "year", "source");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fund_allocations_project_idx" ON "fund_allocations" ("project_id");
