-- The registry keeps every version of a household (动态管理): one row per change of its members,
-- head, details or status, with who made it, when, in which case and the version before it.
-- A trigger on `households` writes the row, so no path that changes the registry (registration,
-- import, the change and exit processes, corrections) can leave a change unrecorded. The writer
-- that knows why a change happens names it for the transaction (`jz.household_change`, a JSON
-- object: changeType, reason, instanceId, userId); without it the row says 建档立卡 or 台账更新.
CREATE TABLE IF NOT EXISTS "household_versions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" text NOT NULL,
  "household_id" uuid NOT NULL REFERENCES "households" ("id"),
  "version" integer NOT NULL,
  "previous_version" integer,
  "change_type" text NOT NULL,
  "reason" text,
  "instance_id" uuid,
  "changed_by" uuid,
  "changed_at" timestamp with time zone NOT NULL,
  "head_name" text NOT NULL,
  "head_id_number" text NOT NULL,
  "category" text,
  "status" text NOT NULL,
  "org_unit_id" text NOT NULL,
  "org_path" text NOT NULL,
  "data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "household_versions_household_idx" ON "household_versions" ("household_id", "version");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "household_versions_instance_idx" ON "household_versions" ("instance_id") WHERE "instance_id" IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION jz_household_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  why jsonb := nullif(current_setting('jz.household_change', true), '')::jsonb;
  prev integer;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.head_name, NEW.head_id_number, NEW.category, NEW.status, NEW.org_unit_id, NEW.org_path, NEW.data)
     IS NOT DISTINCT FROM (OLD.head_name, OLD.head_id_number, OLD.category, OLD.status, OLD.org_unit_id, OLD.org_path, OLD.data) THEN
    RETURN NULL;
  END IF;
  -- The households row is locked by this insert or update, so versions of one household never race.
  SELECT max(version) INTO prev FROM household_versions WHERE household_id = NEW.id;
  INSERT INTO household_versions (tenant_id, household_id, version, previous_version, change_type, reason, instance_id, changed_by, changed_at,
    head_name, head_id_number, category, status, org_unit_id, org_path, data)
  VALUES (NEW.tenant_id, NEW.id, coalesce(prev, 0) + 1, prev,
    coalesce(why->>'changeType', CASE TG_OP WHEN 'INSERT' THEN '建档立卡' ELSE '台账更新' END), why->>'reason',
    coalesce((why->>'instanceId')::uuid, CASE TG_OP WHEN 'INSERT' THEN NEW.source_instance_id END), (why->>'userId')::uuid,
    CASE TG_OP WHEN 'INSERT' THEN NEW.registered_at ELSE NEW.updated_at END,
    NEW.head_name, NEW.head_id_number, NEW.category, NEW.status, NEW.org_unit_id, NEW.org_path, NEW.data);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "households_version" ON "households";
--> statement-breakpoint
CREATE TRIGGER "households_version" AFTER INSERT OR UPDATE ON "households" FOR EACH ROW EXECUTE FUNCTION jz_household_version();
--> statement-breakpoint
-- Households registered before versions existed get their version 1: the registry as it stands.
INSERT INTO household_versions (tenant_id, household_id, version, previous_version, change_type, instance_id, changed_at,
  head_name, head_id_number, category, status, org_unit_id, org_path, data)
SELECT h.tenant_id, h.id, 1, NULL, '建档立卡', h.source_instance_id, h.registered_at, h.head_name, h.head_id_number, h.category, h.status, h.org_unit_id, h.org_path, h.data
FROM households h WHERE NOT EXISTS (SELECT 1 FROM household_versions v WHERE v.household_id = h.id);
