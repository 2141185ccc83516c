-- Every ID number (head or member) belongs to at most one household or open case of a county.
-- A claim is taken when an application is submitted, becomes the household's at registration and
-- is released when the case ends without registration. The primary key makes two concurrent
-- submissions of the same number impossible: the second waits for the first and then conflicts.
CREATE TABLE IF NOT EXISTS "id_number_claims" (
  "tenant_id" text NOT NULL,
  "id_number" text NOT NULL,
  "instance_id" uuid,
  "household_id" uuid,
  "org_unit_id" text NOT NULL,
  "org_path" text NOT NULL,
  "claimed_at" timestamp with time zone NOT NULL,
  CONSTRAINT "id_number_claims_pk" PRIMARY KEY ("tenant_id", "id_number"),
  CONSTRAINT "id_number_claims_owner" CHECK ("instance_id" IS NOT NULL OR "household_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "id_number_claims_instance_idx" ON "id_number_claims" ("instance_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "id_number_claims_household_idx" ON "id_number_claims" ("household_id");
--> statement-breakpoint
-- Registered households claim their head's and members' numbers.
INSERT INTO "id_number_claims" ("tenant_id", "id_number", "instance_id", "household_id", "org_unit_id", "org_path", "claimed_at")
SELECT DISTINCT ON (h.tenant_id, n.id_number) h.tenant_id, n.id_number, h.source_instance_id, h.id, h.org_unit_id, h.org_path, h.registered_at
FROM "households" h
CROSS JOIN LATERAL (
  SELECT h.head_id_number AS id_number
  UNION
  SELECT m->>'idNumber' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h.data->'members') = 'array' THEN h.data->'members' ELSE '[]'::jsonb END) m
) n
WHERE n.id_number IS NOT NULL AND n.id_number <> ''
ORDER BY h.tenant_id, n.id_number, h.registered_at
ON CONFLICT DO NOTHING;
