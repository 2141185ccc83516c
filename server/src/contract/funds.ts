/** The fund ledger and its report (`GET /api/reports/funds`, `.xlsx`). Amounts in yuan. */

/** One source and year of the ledger: what came in, what was set aside, what was paid, what is left. */
export interface FundSourceLine {
  year: number;
  source: string;
  received: number;
  /** Set aside to projects and to interest subsidies. */
  allocated: number;
  toProjects: number;
  interestSubsidies: number;
  /** Paid out: project disbursements (by each project's share of this source) and interest subsidies. */
  disbursed: number;
  /** received − allocated. */
  balance: number;
}

/** What one town's projects and subsidies took and were paid. */
export interface FundTownLine {
  townId: string;
  townName: string;
  projects: number;
  allocated: number;
  disbursed: number;
  interestSubsidies: number;
}

/** One project's money: approved, by source, contracted, paid. */
export interface FundProjectLine {
  projectId: string;
  instanceId: string;
  name: string;
  townName: string | null;
  villageName: string | null;
  status: string;
  approvedBudget: number;
  allocated: number;
  sources: Array<{ source: string; amount: number }>;
  contractor: string | null;
  contractAmount: number | null;
  paid: number;
  /** allocated − paid. */
  unpaid: number;
}

/** `GET /api/reports/funds?year=`: the ledger by source (county users), by town and by project within the caller's scope. */
export interface FundReport {
  year: number | null;
  /** The plan's standard: 2 万元 per registered poor person with labour capacity (`fundPerPerson`). */
  standard: { perPerson: number; persons: number; amount: number };
  sources: FundSourceLine[];
  towns: FundTownLine[];
  projects: FundProjectLine[];
  totals: { received: number; allocated: number; disbursed: number; balance: number };
}
