-- A household's page lists the cases of its village and town that name it: this index finds a
-- unit's cases without reading every case of the county.
CREATE INDEX IF NOT EXISTS "instances_org_path_idx" ON "instances" USING btree ("tenant_id", "org_path");
