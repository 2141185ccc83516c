-- History is append-only: an instance's events are hash-chained, and the chain is only evidence
-- when nobody can quietly rewrite it. This trigger refuses UPDATE, DELETE and TRUNCATE of history
-- rows for every role the application connects as. No code path changes or removes history (test
-- databases are dropped whole). A table owner or superuser can still disable the trigger on
-- purpose; what they do then is what `GET /api/instances/:id/verify` detects.
CREATE OR REPLACE FUNCTION "history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '历史记录只能追加，不能修改或删除 (history is append-only: % is not allowed)', TG_OP
    USING ERRCODE = 'restrict_violation', HINT = 'Append a new event instead; verify a chain with GET /api/instances/:id/verify';
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "history_append_only_rows" ON "history";--> statement-breakpoint
CREATE TRIGGER "history_append_only_rows" BEFORE UPDATE OR DELETE ON "history" FOR EACH ROW EXECUTE FUNCTION "history_append_only"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "history_append_only_truncate" ON "history";--> statement-breakpoint
CREATE TRIGGER "history_append_only_truncate" BEFORE TRUNCATE ON "history" FOR EACH STATEMENT EXECUTE FUNCTION "history_append_only"();
