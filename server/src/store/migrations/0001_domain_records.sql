CREATE TABLE "assessment_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"source" text NOT NULL,
	"problem_type" text NOT NULL,
	"misuse_type" text,
	"target_type" text NOT NULL,
	"target_unit" text,
	"target_person" jsonb,
	"found_on" date NOT NULL,
	"circular_number" text,
	"rounds" integer DEFAULT 0 NOT NULL,
	"interviewed_on" date,
	"accountability" jsonb,
	"escalation_reason" text,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"stage_name" text NOT NULL,
	"percent" numeric(5, 2) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"retention_percent" numeric(5, 2) NOT NULL,
	"payee" text NOT NULL,
	"payee_bank" text NOT NULL,
	"payee_account" text NOT NULL,
	"paid_on" date NOT NULL,
	"voucher_number" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"locked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"household_id" uuid,
	"head_id_number" text NOT NULL,
	"date" date NOT NULL,
	"helper_name" text NOT NULL,
	"helper_unit" text NOT NULL,
	"measure_type" text NOT NULL,
	"content" text NOT NULL,
	"value" numeric(14, 2),
	"confirmed_by_household" boolean DEFAULT false NOT NULL,
	"confirmed_by_village_head" boolean DEFAULT false NOT NULL,
	"confirmed_by_team_leader" boolean DEFAULT false NOT NULL,
	"source_instance_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "household_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"household_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"route" text,
	"reason" text NOT NULL,
	"decision_number" text,
	"instance_id" uuid,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_renovations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"household_id" uuid,
	"head_id_number" text NOT NULL,
	"head_name" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"danger_grade" text NOT NULL,
	"renovation_type" text NOT NULL,
	"care_home" text,
	"approved_subsidy" numeric(14, 2),
	"decision_number" text,
	"agreement_number" text,
	"subsidy_amount" numeric(14, 2),
	"builder" text,
	"accepted_on" date,
	"paid_amount" numeric(14, 2),
	"paid_on" date,
	"voucher_number" text,
	"status" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"locked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"project_type" text NOT NULL,
	"budget" numeric(14, 2) NOT NULL,
	"approved_budget" numeric(14, 2) NOT NULL,
	"decision_number" text,
	"fund_sources" jsonb NOT NULL,
	"linked_households" jsonb NOT NULL,
	"one_matter_one_discussion" boolean NOT NULL,
	"procurement_route" text,
	"subject_type" text,
	"tender_threshold" numeric(14, 2),
	"contractor" text,
	"contract_number" text,
	"contract_amount" numeric(14, 2),
	"progress_percent" integer DEFAULT 0 NOT NULL,
	"acceptance_quality" text,
	"paid_amount" numeric(14, 2) DEFAULT 0 NOT NULL,
	"paid_percent" numeric(5, 2) DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_records" ADD CONSTRAINT "help_records_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_status_changes" ADD CONSTRAINT "household_status_changes_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_renovations" ADD CONSTRAINT "housing_renovations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_cases_instance_idx" ON "assessment_cases" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "assessment_cases_scope_idx" ON "assessment_cases" USING btree ("tenant_id","status","org_path");--> statement-breakpoint
CREATE INDEX "correction_requests_record_idx" ON "correction_requests" USING btree ("tenant_id","record_type","record_id");--> statement-breakpoint
CREATE INDEX "correction_requests_status_idx" ON "correction_requests" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "correction_requests_pending_idx" ON "correction_requests" USING btree ("tenant_id","record_type","record_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "disbursements_stage_idx" ON "disbursements" USING btree ("project_id","stage");--> statement-breakpoint
CREATE INDEX "help_records_household_idx" ON "help_records" USING btree ("tenant_id","head_id_number","date");--> statement-breakpoint
CREATE UNIQUE INDEX "help_records_entry_idx" ON "help_records" USING btree ("tenant_id","head_id_number","date","measure_type","content");--> statement-breakpoint
CREATE INDEX "household_status_changes_household_idx" ON "household_status_changes" USING btree ("tenant_id","household_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_renovations_instance_idx" ON "housing_renovations" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "housing_renovations_household_idx" ON "housing_renovations" USING btree ("tenant_id","head_id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_instance_idx" ON "projects" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "projects_scope_idx" ON "projects" USING btree ("tenant_id","status","org_path");