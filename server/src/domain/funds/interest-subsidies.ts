import type { PoolClient } from 'pg';
import { chinaDateString } from '../../kernel';

/** One loan year's subsidy that fell due (a row to post). */
interface DueSubsidy { measureId: string; loanYear: number; year: number; source: string; amount: number; orgUnitId: string; orgPath: string; description: string }

const addYears = (isoDate: string, n: number) => `${String(Number(isoDate.slice(0, 4)) + n).padStart(4, '0')}${isoDate.slice(4)}`;

/**
 * Posts the interest subsidies (小额信贷贴息) that have fallen due on the micro-credit measures
 * (`help.measure`, kind `microCredit`, interest subsidised) into the fund ledger. The rule, from the
 * plan (§三: loans of at most 5 万元 for at most 3 years, interest subsidised) and practice: each loan
 * year is subsidised in arrears once it is complete (on the loan date's anniversary), at the loan
 * amount × `microCreditSubsidyRate` of the year it falls due (a part year pro rata), for at most
 * `microCreditYears` years, against `microCreditSubsidySource`, booked in the year it falls due. A
 * loan above `microCreditMax` of its year gets nothing. Each posting names its measure and loan year
 * under a unique index, so the job may run any number of times: a loan year is posted once.
 * @returns how many loan years it posted now
 */
export async function postDueInterestSubsidies(client: Pick<PoolClient, 'query'>, args: {
  tenantId: string; now: Date; configForYear(year: number): Record<string, unknown>; uuid: () => string;
}): Promise<number> {
  const today = chinaDateString(args.now);
  const { rows } = await client.query<{ id: string; date: string; data: Record<string, unknown>; org_unit_id: string; org_path: string; head_name: string; posted: number[] }>(
    `SELECT m.id, to_char(m.date, 'YYYY-MM-DD') AS date, m.data, h.org_unit_id, h.org_path, h.head_name,
            coalesce((SELECT array_agg(a.loan_year) FROM fund_allocations a WHERE a.tenant_id = m.tenant_id AND a.measure_id = m.id), '{}') AS posted
     FROM measures m JOIN households h ON h.id = m.household_id
     WHERE m.tenant_id = $1 AND m.kind = 'microCredit' AND m.date < $2::date AND (m.data->>'interestSubsidised')::boolean IS TRUE`,
    [args.tenantId, today]);
  const due: DueSubsidy[] = [];
  for (const loan of rows) {
    const amount = Number(loan.data.loanAmount);
    const term = Number(loan.data.loanYears);
    const rules = args.configForYear(Number(loan.date.slice(0, 4)));
    if (!(amount > 0) || !(term > 0) || amount > Number(rules.microCreditMax ?? 50000)) continue;
    const years = Math.min(term, Number(rules.microCreditYears ?? 3));
    // A part last year (a 2.5-year loan) is paid on the following anniversary, pro rata.
    for (let k = 1; k <= Math.ceil(years); k += 1) {
      const dueOn = addYears(loan.date, k);
      if (dueOn > today || loan.posted.includes(k)) continue;
      const config = args.configForYear(Number(dueOn.slice(0, 4)));
      const rate = Number(config.microCreditSubsidyRate ?? 0);
      const share = Math.min(1, years - (k - 1));
      const subsidy = Math.round(amount * rate * share * 100) / 100;
      if (!(subsidy > 0)) continue;
      due.push({
        measureId: loan.id, loanYear: k, year: Number(dueOn.slice(0, 4)), source: String(config.microCreditSubsidySource ?? '县级财政专项扶贫资金'), amount: subsidy,
        orgUnitId: loan.org_unit_id, orgPath: loan.org_path,
        description: `小额信贷贴息：${loan.head_name}，${String(loan.data.lender ?? '')}贷款${amount}元，第${k}年（${addYears(loan.date, k - 1)}至${dueOn}），年贴息率${(rate * 100).toFixed(2)}%`,
      });
    }
  }
  if (!due.length) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO fund_allocations (id, tenant_id, year, source, kind, amount, project_id, instance_id, org_unit_id, org_path, description, created_at, measure_id, loan_year)
     SELECT x.id, $1, x.year, x.source, 'interest_subsidy', x.amount, NULL, NULL, x.org_unit_id, x.org_path, x.description, $2, x.measure_id, x.loan_year
     FROM unnest($3::uuid[], $4::int[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::int[])
       AS x(id, year, source, amount, org_unit_id, org_path, description, measure_id, loan_year)
     ON CONFLICT (tenant_id, measure_id, loan_year) WHERE measure_id IS NOT NULL DO NOTHING`,
    [args.tenantId, args.now, due.map(() => args.uuid()), due.map((d) => d.year), due.map((d) => d.source), due.map((d) => d.amount), due.map((d) => d.orgUnitId),
      due.map((d) => d.orgPath), due.map((d) => d.description), due.map((d) => d.measureId), due.map((d) => d.loanYear)]);
  return rowCount ?? 0;
}
