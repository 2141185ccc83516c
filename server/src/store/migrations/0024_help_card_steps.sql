-- A household removed by 清退 can be identified again by a new application: the registration
-- brings its registry record back (one record per head's ID number), and the version that does
-- it says so (重新识别纳入, naming the new case) instead of a plain 台账更新.
CREATE OR REPLACE FUNCTION jz_household_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  why jsonb := nullif(current_setting('jz.household_change', true), '')::jsonb;
  prev integer;
  again boolean := TG_OP = 'UPDATE' AND OLD.status = '清退' AND NEW.status <> '清退' AND NEW.source_instance_id IS DISTINCT FROM OLD.source_instance_id;
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
    coalesce(why->>'changeType', CASE WHEN TG_OP = 'INSERT' THEN '建档立卡' WHEN again THEN '重新识别纳入' ELSE '台账更新' END), why->>'reason',
    coalesce((why->>'instanceId')::uuid, CASE WHEN TG_OP = 'INSERT' OR again THEN NEW.source_instance_id END), (why->>'userId')::uuid,
    CASE WHEN TG_OP = 'INSERT' OR again THEN NEW.registered_at ELSE NEW.updated_at END,
    NEW.head_name, NEW.head_id_number, NEW.category, NEW.status, NEW.org_unit_id, NEW.org_path, NEW.data);
  RETURN NULL;
END
$$;
