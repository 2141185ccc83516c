import { belowPattern } from '../../auth/org-scope';
import type { SqlClient } from '../../store/sql-client';

/** One indicator of one unit: how many of how many, the share, the plan's target share for the year, and whether it is met. */
export interface Indicator {
  count: number;
  of: number;
  share: number | null;
  target: number | null;
  met: boolean | null;
}

/** The indicator checks of §三 for one village, town or the county. */
export interface HelpIndicators {
  households: number;
  /** 产业: households with labour linked to an enterprise or co-operative (2017: of all with labour; 2018: of the willing). */
  enterpriseLinkage: Indicator;
  /** 就业: households with labour trained at least `trainingPerYear` times this year. */
  training: Indicator;
  /** 就业: households with labour with at least `transferredPerHousehold` people placed in jobs this year. */
  transfer: Indicator;
  /** 养老: members 60 or older by the year's end with the residents' pension. */
  pension60: Indicator;
  /** 医疗: members with the residents' medical insurance. */
  insurance: Indicator;
  /** 医疗: reimbursed and aid over eligible costs this year (yuan). */
  medicalCostCoverage: Indicator;
  /** 教育: pupils with this year's stage allowance. */
  schoolAllowance: Indicator;
}

/** A registered household as the indicators read it: its unit, members, and this year's and earlier measures. */
export interface IndicatorHousehold {
  villageId: string;
  members: Array<Record<string, unknown>>;
  measures: Array<{ kind: string; year: number; data: Record<string, unknown> }>;
  /** The plan of the year says the household does not want an industry link. */
  industryUnwilling: boolean;
}

const WITH_LABOUR = new Set(['普通劳动力', '技能劳动力']);

function indicator(count: number, of: number, target: unknown): Indicator {
  const share = of > 0 ? Math.round((count / of) * 1000) / 1000 : null;
  const t = typeof target === 'number' ? target : null;
  return { count, of, share, target: t, met: t === null || share === null ? null : share >= t };
}

/**
 * Computes the §三 indicators of a set of households for `year` against the year's configuration
 * (`enterpriseLinkageShare` and `enterpriseLinkageOf`, `trainingPerYear`, `transferredPerHousehold`,
 * `pensionCoverage60`, `insuranceCoverage`, `medicalCostCoverage`, `schoolAllowanceCoverage`).
 * @example computeHelpIndicators([], 2017, config).households // 0
 */
export function computeHelpIndicators(households: readonly IndicatorHousehold[], year: number, config: Record<string, unknown>): HelpIndicators {
  const yearEnd = `${year}-12-31`;
  const sixtyBy = `${year - 60}-12-31`;
  let labour = 0, willing = 0, linked = 0, linkedWilling = 0, trained = 0, transferred = 0, aged = 0, pensioned = 0, members = 0, insured = 0, pupils = 0, allowances = 0;
  let eligible = 0, reimbursed = 0;
  const trainingPerYear = Number(config.trainingPerYear ?? 1);
  const transferredPerHousehold = Number(config.transferredPerHousehold ?? 1);
  for (const h of households) {
    const hasLabour = h.members.some((m) => WITH_LABOUR.has(String(m.labour)));
    const thisYear = h.measures.filter((m) => m.year === year);
    const isLinked = h.measures.some((m) => m.kind === 'industry' && m.year <= year);
    if (hasLabour) {
      labour += 1;
      if (isLinked) linked += 1;
      if (!h.industryUnwilling) {
        willing += 1;
        if (isLinked) linkedWilling += 1;
      }
      const employment = thisYear.filter((m) => m.kind === 'employment');
      if (employment.filter((m) => Number(m.data.trainedPersons) > 0).length >= trainingPerYear) trained += 1;
      if (employment.reduce((sum, m) => sum + Number(m.data.transferredPersons ?? 0), 0) >= transferredPerHousehold) transferred += 1;
    }
    for (const m of h.members) {
      members += 1;
      if (m.medicalInsurance === true) insured += 1;
      const born = typeof m.birthDate === 'string' ? m.birthDate : '';
      if (born && born <= sixtyBy && born <= yearEnd) {
        aged += 1;
        if (m.pensionInsurance === true) pensioned += 1;
      }
      if (m.inSchool === true) pupils += 1;
    }
    const allowed = new Set(thisYear.filter((m) => m.kind === 'education' && Number(m.data.livingAllowance) > 0).map((m) => String(m.data.memberName ?? '')));
    allowances += Math.min(allowed.size, h.members.filter((m) => m.inSchool === true).length);
    for (const m of thisYear.filter((x) => x.kind === 'health')) {
      eligible += Number(m.data.eligibleCosts ?? 0);
      reimbursed += Number(m.data.reimbursed ?? 0);
    }
  }
  const ofWilling = config.enterpriseLinkageOf === 'willing';
  return {
    households: households.length,
    enterpriseLinkage: ofWilling ? indicator(linkedWilling, willing, config.enterpriseLinkageShare) : indicator(linked, labour, config.enterpriseLinkageShare),
    training: indicator(trained, labour, 1),
    transfer: indicator(transferred, labour, 1),
    pension60: indicator(pensioned, aged, config.pensionCoverage60),
    insurance: indicator(insured, members, config.insuranceCoverage),
    medicalCostCoverage: { ...indicator(Math.round(reimbursed), Math.round(eligible), config.medicalCostCoverage), share: eligible > 0 ? Math.round((reimbursed / eligible) * 1000) / 1000 : null,
      met: eligible > 0 && typeof config.medicalCostCoverage === 'number' ? reimbursed / eligible >= config.medicalCostCoverage : null },
    schoolAllowance: indicator(allowances, pupils, config.schoolAllowanceCoverage),
  };
}

/** The indicators of each village and town within a scope, and of the whole scope, for one year. */
export interface HelpIndicatorReport {
  year: number;
  total: HelpIndicators;
  towns: Array<{ orgUnitId: string; name: string; indicators: HelpIndicators }>;
  villages: Array<{ orgUnitId: string; name: string; townName: string; indicators: HelpIndicators }>;
}

/**
 * Reads the households registered by the end of `year` within `scopePath`, their measures up to
 * that year and their plans of the year, and computes the indicators by village, town and in total.
 */
export async function helpIndicatorReport(db: SqlClient, tenantId: string, scopePath: string, year: number, config: Record<string, unknown>): Promise<HelpIndicatorReport> {
  const yearEnd = new Date(Date.UTC(year, 11, 31, 16)); // the end of 31 December in China time
  const [households, units] = await Promise.all([
    db.query<{ id: string; org_path: string; members: Array<Record<string, unknown>> | null; measures: IndicatorHousehold['measures'] | null; unwilling: boolean }>(
      `SELECT h.id, h.org_path, h.data->'members' AS members,
         (SELECT jsonb_agg(jsonb_build_object('kind', m.kind, 'year', m.year, 'data', m.data)) FROM measures m WHERE m.tenant_id = h.tenant_id AND m.household_id = h.id AND m.year <= $4) AS measures,
         EXISTS (SELECT 1 FROM help_plans p WHERE p.tenant_id = h.tenant_id AND p.household_id = h.id AND p.year = $4 AND p.data->>'industryWilling' = 'false') AS unwilling
       FROM households h WHERE h.tenant_id = $1 AND (h.org_path = $2 OR h.org_path LIKE $3) AND h.registered_at < $5`,
      [tenantId, scopePath, belowPattern(scopePath), year, yearEnd]),
    db.query<{ id: string; name: string; level: string; parent_id: string | null }>(
      `SELECT id, name, level, parent_id FROM org_units WHERE tenant_id = $1 AND level IN ('town', 'village') AND (path = $2 OR path LIKE $3 OR $2 LIKE path || '/%')`,
      [tenantId, scopePath, belowPattern(scopePath)]),
  ]);
  const unitById = new Map(units.rows.map((u) => [u.id, u]));
  const rows: Array<IndicatorHousehold & { townId: string }> = households.rows.map((h) => {
    const segments = h.org_path.split('/');
    return { villageId: segments[2] ?? '', townId: segments[1] ?? '', members: Array.isArray(h.members) ? h.members : [], measures: h.measures ?? [], industryUnwilling: h.unwilling };
  });
  const group = (key: (r: (typeof rows)[number]) => string) => {
    const out = new Map<string, typeof rows>();
    for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
    return out;
  };
  const towns = [...group((r) => r.townId)].map(([id, list]) => ({ orgUnitId: id, name: unitById.get(id)?.name ?? id, indicators: computeHelpIndicators(list, year, config) }));
  const villages = [...group((r) => r.villageId)].map(([id, list]) => {
    const unit = unitById.get(id);
    return { orgUnitId: id, name: unit?.name ?? id, townName: unitById.get(unit?.parent_id ?? '')?.name ?? '', indicators: computeHelpIndicators(list, year, config) };
  });
  return {
    year, total: computeHelpIndicators(rows, year, config),
    towns: towns.sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId)), villages: villages.sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId)),
  };
}
