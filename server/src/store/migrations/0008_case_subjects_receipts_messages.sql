-- What a case is about and how people follow it: the subject a definition computes from the data
-- (`meta.subject`) on the instance and its tasks, the 受理编号 (county code, year, sequence), the
-- inbox filters a user saves, evidence files, and messages delivered to users.
ALTER TABLE "instances" ADD COLUMN IF NOT EXISTS "subject" jsonb;
--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN IF NOT EXISTS "receipt_no" text;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "instances_receipt_no_idx" ON "instances" ("tenant_id", "receipt_no") WHERE "receipt_no" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "instances_created_by_idx" ON "instances" ("tenant_id", "created_by", "created_at");
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "subject" jsonb;
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "receipt_no" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_completed_by_idx" ON "tasks" ("tenant_id", "completed_by", "completed_at") WHERE "completed_by" IS NOT NULL;
--> statement-breakpoint
-- One counter per county, kind of number and year; taken in the statement that creates the case, so a
-- case that is not written takes no number.
CREATE TABLE IF NOT EXISTS "receipt_counters" (
  "tenant_id" text NOT NULL,
  "kind" text NOT NULL,
  "year" integer NOT NULL,
  "last" integer NOT NULL,
  CONSTRAINT "receipt_counters_pk" PRIMARY KEY ("tenant_id", "kind", "year")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "saved_filters" (
  "id" uuid PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users" ("id"),
  "name" text NOT NULL,
  "query" jsonb NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "saved_filters_user_idx" ON "saved_filters" ("user_id", "created_at");
--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN IF NOT EXISTS "receipt_no" text;
--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN IF NOT EXISTS "phone_tail" text;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "objections_receipt_no_idx" ON "objections" ("tenant_id", "receipt_no") WHERE "receipt_no" IS NOT NULL;
--> statement-breakpoint
-- Evidence files: the content once per county and hash, each upload a row that names who sent it
-- and for which case.
CREATE TABLE IF NOT EXISTS "attachment_blobs" (
  "tenant_id" text NOT NULL,
  "sha256" text NOT NULL,
  "size" integer NOT NULL,
  "content_type" text NOT NULL,
  "storage" text NOT NULL,
  "content" bytea,
  "thumbnail" bytea,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "attachment_blobs_pk" PRIMARY KEY ("tenant_id", "sha256")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "attachments" (
  "id" uuid PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL,
  "sha256" text NOT NULL,
  "name" text NOT NULL,
  "size" integer NOT NULL,
  "content_type" text NOT NULL,
  "instance_id" uuid REFERENCES "instances" ("id"),
  "uploaded_by" uuid NOT NULL REFERENCES "users" ("id"),
  "org_path" text NOT NULL,
  "taken_at" timestamp with time zone,
  "location" jsonb,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "attachments_blob_fk" FOREIGN KEY ("tenant_id", "sha256") REFERENCES "attachment_blobs" ("tenant_id", "sha256")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "attachments_instance_idx" ON "attachments" ("instance_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "attachments_uploader_idx" ON "attachments" ("uploaded_by", "created_at");
--> statement-breakpoint
-- Notifications are an outbox: a queued job delivers each row to its channels and records the attempt.
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "kind" text;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "attempts" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "delivered_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "last_error" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notifications_pending_idx" ON "notifications" ("created_at") WHERE "status" = 'pending';
--> statement-breakpoint
-- One row per recipient user: what the 消息 bell lists and counts.
CREATE TABLE IF NOT EXISTS "messages" (
  "id" uuid PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users" ("id"),
  "notification_id" uuid,
  "kind" text NOT NULL,
  "title" text NOT NULL,
  "body" text,
  "instance_id" uuid,
  "task_id" uuid,
  "subject" jsonb,
  "created_at" timestamp with time zone NOT NULL,
  "read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "messages_once_idx" ON "messages" ("notification_id", "user_id") WHERE "notification_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_user_idx" ON "messages" ("user_id", "created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_unread_idx" ON "messages" ("user_id") WHERE "read_at" IS NULL;
