import type { PoolClient } from 'pg';
import { chinaYear, ConflictError, ValidationError } from '../../kernel';
import type { Actor } from '../../kernel';

/** The county's own yearly funds as the configuration states them (`countyFunds` × `countyFundsYears`). */
export interface ConfiguredFund { source: string; amount: number; year: number }

/** The yearly county funds a resolved configuration names, one line per source and year. */
export function configuredCountyFunds(config: Record<string, unknown>): ConfiguredFund[] {
  const funds = Array.isArray(config.countyFunds) ? config.countyFunds as Array<{ source?: unknown; amount?: unknown }> : [];
  const years = Array.isArray(config.countyFundsYears) ? config.countyFundsYears.filter((y): y is number => Number.isInteger(y)) : [];
  return years.flatMap((year) => funds
    .filter((f) => typeof f.source === 'string' && typeof f.amount === 'number' && f.amount > 0)
    .map((f) => ({ source: String(f.source), amount: Number(f.amount), year })));
}

/**
 * Books the county's budgeted funds of the configuration into the ledger (basis `config`), once per
 * source and year: run at every start, it adds what a changed configuration adds and never books a
 * line twice.
 */
export async function bookConfiguredFunds(client: Pick<PoolClient, 'query'>, tenantId: string, funds: readonly ConfiguredFund[], uuid: () => string, now: Date): Promise<void> {
  if (!funds.length) return;
  await client.query(
    `INSERT INTO fund_receipts (id, tenant_id, year, source, amount, basis, document_number, recorded_at)
     SELECT x.id, $1, x.year, x.source, x.amount, 'config', NULL, $2
     FROM unnest($3::uuid[], $4::int[], $5::text[], $6::numeric[]) AS x(id, year, source, amount)
     ON CONFLICT (tenant_id, year, source, basis) WHERE document_number IS NULL DO NOTHING`,
    [tenantId, now, funds.map(() => uuid()), funds.map((f) => f.year), funds.map((f) => f.source), funds.map((f) => f.amount)]);
}

/** A receipt the county records: money that came in from a source for a year, with its document. */
export interface FundReceiptInput { year: number; source: string; amount: number; documentNumber: string }

/** Records a receipt into the ledger, in the caller's transaction (county reviewers and admins: runtime/record-fund-receipt checks the role). */
export async function recordFundReceipt(client: Pick<PoolClient, 'query'>, tenantId: string, input: FundReceiptInput, uuid: () => string, now: Date): Promise<{ id: string }> {
  const id = uuid();
  await client.query(
    `INSERT INTO fund_receipts (id, tenant_id, year, source, amount, basis, document_number, recorded_at) VALUES ($1, $2, $3, $4, $5, 'receipt', $6, $7)`,
    [id, tenantId, input.year, input.source, input.amount, input.documentNumber, now]);
  return { id };
}

/** A micro-credit loan's interest subsidy (小额信贷贴息) to post against a fund source. */
export interface InterestSubsidyInput {
  householdId: string;
  loanAmount: number;
  /** Loan term in years. */
  loanYears: number;
  subsidyAmount: number;
  source: string;
  paidOn: string;
}

/**
 * Posts a loan's interest subsidy as an allocation of its source in the year it is paid, in the
 * caller's transaction. The loan must keep to the year's micro-credit rules (≤ 5 万元, ≤ 3 years:
 * `microCreditMax`, `microCreditYears`) and belong to a registered household the actor may see;
 * otherwise a 400 with Chinese field messages, and nothing is written. A household whose loan is
 * recorded as a measure is subsidised from that record: a 409, nothing written.
 */
export async function postInterestSubsidy(client: Pick<PoolClient, 'query'>, args: {
  tenantId: string; actor: Actor; input: InterestSubsidyInput; config: Record<string, unknown>; uuid: () => string; now: Date;
}): Promise<{ id: string }> {
  const { tenantId, actor, input, config } = args;
  const fields: Record<string, string[]> = {};
  const max = Number(config.microCreditMax ?? 50000);
  const years = Number(config.microCreditYears ?? 3);
  if (input.loanAmount > max) fields['/loanAmount'] = [`扶贫小额信贷每户不超过${max}元`];
  if (input.loanYears > years) fields['/loanYears'] = [`扶贫小额信贷期限不超过${years}年`];
  if (input.subsidyAmount > input.loanAmount) fields['/subsidyAmount'] = ['贴息金额不能超过贷款金额'];
  const { rows } = await client.query<{ id: string; org_unit_id: string; org_path: string; head_name: string }>(
    `SELECT id, org_unit_id, org_path, head_name FROM households WHERE tenant_id = $1 AND id::text = $2 AND (org_path = $3 OR org_path LIKE $3 || '/%')`,
    [tenantId, input.householdId, actor.orgPath]);
  if (!rows[0]) fields['/householdId'] = ['没有这个建档立卡户，或不在您的管辖范围内'];
  if (Object.keys(fields).length) throw new ValidationError('贴息登记有误', fields);
  // A loan recorded as a measure is subsidised from its record (postDueInterestSubsidies): posting it
  // by hand as well would pay it twice.
  const { rows: recorded } = await client.query(
    `SELECT 1 FROM measures WHERE tenant_id = $1 AND household_id = $2 AND kind = 'microCredit' AND (data->>'interestSubsidised')::boolean IS TRUE LIMIT 1`,
    [tenantId, rows[0].id]);
  if (recorded.length) {
    throw new ConflictError(`${rows[0].head_name}户的扶贫小额信贷已有贷款记录，贴息按记录每满一年自动入账，不能再手工登记（The loan is on record and subsidised from it; nothing was posted）`, 'subsidy_from_record');
  }
  const id = args.uuid();
  const year = /^\d{4}-\d{2}-\d{2}$/.test(input.paidOn) ? Number(input.paidOn.slice(0, 4)) : chinaYear(args.now);
  await client.query(
    `INSERT INTO fund_allocations (id, tenant_id, year, source, kind, amount, project_id, instance_id, org_unit_id, org_path, description, created_at)
     VALUES ($1, $2, $3, $4, 'interest_subsidy', $5, NULL, NULL, $6, $7, $8, $9)`,
    [id, tenantId, year, input.source, input.subsidyAmount, rows[0].org_unit_id, rows[0].org_path,
      `小额信贷贴息：${rows[0].head_name}，贷款${input.loanAmount}元${input.loanYears}年`, args.now]);
  return { id };
}
