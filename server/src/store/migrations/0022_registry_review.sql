-- 回头看 (registry-review): one yearly roster review per village. The start use case checks first and
-- answers a Chinese 409; this index is the backstop when two starts race.
CREATE UNIQUE INDEX IF NOT EXISTS "instances_registry_review_once" ON "instances" USING btree ("tenant_id", "org_unit_id", (("data"->'start'->>'year')))
  WHERE "definition_key" = 'registry-review' AND "status" <> 'terminated';
