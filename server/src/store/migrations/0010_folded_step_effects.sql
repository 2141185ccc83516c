-- A step's domain effects (notices, ID-number claims, registry rows, notifications) are written by
-- the step's own statement. An effect whose condition fails (an ID number held by another case, a
-- head already registered) refuses the whole statement with SQLSTATE JZ001 through this function;
-- the runtime then runs the effect in a transaction, which names the reason.
CREATE OR REPLACE FUNCTION jz_refuse_step(what text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'step refused by its folded effect %', what USING ERRCODE = 'JZ001';
END
$$;
--> statement-breakpoint
-- Closing a case's open notice finds it by instance and kind, not by scanning every open notice of
-- the county (a cost that grew with the stored cases).
CREATE INDEX IF NOT EXISTS "notices_instance_open_idx" ON "notices" ("instance_id", "kind") WHERE "status" = 'open';
