import type { WorkflowDriver } from './workflow-driver';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A valid 18-digit 身份证号 of 五华县 (GB 11643 check character), distinct per `seq`. */
export function idNumber(seq: number, birthDate = '19680315'): string {
  const body = `441424${birthDate}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return body + CHECK[sum % 11];
}

/** Puts a household of 董源村 into the 建档立卡 registry, as the identification process would. */
export async function registerHousehold(driver: WorkflowDriver, headIdNumber: string, options: { name?: string; status?: string; category?: string } = {}): Promise<string> {
  const clerk = await driver.actor('cun-dongyuan');
  const id = driver.services.ids.uuid();
  await driver.query(
    `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
     VALUES ($1, '441424', $2, $3, $4, $5, $6, $7, '{}', $8, $8)`,
    [id, clerk.orgUnitId, clerk.orgPath, options.name ?? '曾庆华', headIdNumber, options.category ?? '一般贫困户', options.status ?? '未脱贫', driver.services.clock.now()]);
  return id;
}

/** The registry status of a household by its head's ID number. */
export async function householdStatus(driver: WorkflowDriver, headIdNumber: string): Promise<string | undefined> {
  const [row] = await driver.query('SELECT status FROM households WHERE head_id_number = $1', [headIdNumber]);
  return row?.status;
}

/** The registry status of the household a case registered (by its source case). */
export async function householdStatusOfCase(driver: WorkflowDriver, instanceId: string): Promise<string | undefined> {
  const [row] = await driver.query('SELECT status FROM households WHERE source_instance_id = $1', [instanceId]);
  return row?.status;
}

/** An income block whose per-capita net income is exactly `perCapita` for `size` people. */
export function incomeOf(perCapita: number, size: number, year = 2017) {
  const net = perCapita * size;
  return {
    year, wageIncome: net, productionIncome: 0, propertyIncome: 0,
    transferIncome: { minimumLivingAllowance: 0, fiveGuaranteesAllowance: 0, pension: 0, ecoCompensation: 0, other: 0 },
    productionCosts: 0, netIncome: net, perCapitaIncome: perCapita,
  };
}
