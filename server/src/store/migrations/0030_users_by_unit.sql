-- A step tells the workers of the tasks it opens in its own statement: the active users of the
-- task's unit holding one of its roles. This index finds a unit's users without reading every
-- user of the county.
CREATE INDEX IF NOT EXISTS "users_org_unit_idx" ON "users" USING btree ("tenant_id", "org_unit_id");
