import { exampleDataFor } from './form-examples';
import type { TestServices } from './test-services';

type Seeding = Pick<TestServices, 'db' | 'ids' | 'clock'>;

/**
 * A household of `village` in the registry as 建档立卡 leaves it: the identification example's
 * household with ID numbers of its own, under `headName` (the example's head when not given) and
 * `status` (未脱贫 when not given).
 */
export async function registerHousehold(services: Seeding, village: string, options: { headName?: string; status?: string } = {}): Promise<{ id: string; headName: string }> {
  // The application's example comes with fresh ID numbers.
  const household = exampleDataFor('household-identification.application').household;
  const headName = options.headName ?? household.head.name;
  const { rows: [unit] } = await services.db.pool.query<{ id: string; path: string }>('SELECT id, path FROM org_units WHERE name = $1', [village]);
  const id = services.ids.uuid();
  await services.db.pool.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
     VALUES ($1, '441424', $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [id, unit.id, unit.path, headName, household.head.idNumber, household.category, options.status ?? '未脱贫', JSON.stringify(household), services.clock.now()]);
  return { id, headName };
}

/** Pairs a household with a 帮扶责任人 (重点帮扶), as 华城镇's poverty-alleviation station assigns one. */
export async function pairWithHelper(services: Seeding, householdId: string, helperUsername: string): Promise<void> {
  await services.db.pool.query(
    `INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason)
     SELECT $1, '441424', $2, u.id, '重点帮扶', $3, 'zhen-huacheng', '镇扶贫工作站指派' FROM users u WHERE u.username = $4`,
    [services.ids.uuid(), householdId, services.clock.now(), helperUsername]);
}
