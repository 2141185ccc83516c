-- The shared blocks of the forms (what schemas/_defs.json holds), one immutable row per saved
-- version. Forms are stored self-contained (the blocks they use copied into their $defs), so a
-- new version here changes no stored form version: saving a block writes new drafts of the forms
-- that use it, published with their processes. The primary key is the backstop when two saves race.
-- `defs` is json, not jsonb: it keeps the blocks and their fields in the order they were written,
-- which is the order the builder shows them in.
CREATE TABLE IF NOT EXISTS "form_blocks" (
	"tenant_id" text NOT NULL,
	"version" integer NOT NULL,
	"defs" json NOT NULL,
	"changed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_blocks_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
