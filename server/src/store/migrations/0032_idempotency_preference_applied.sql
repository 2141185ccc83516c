-- A repeat of an Idempotency-Key answers what the first request got, and with the same
-- `Preference-Applied` header: a minimal answer (`Prefer: return=minimal`) says it is one.
ALTER TABLE "idempotency_keys" ADD COLUMN IF NOT EXISTS "preference_applied" text;
