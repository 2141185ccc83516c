/** The village register (`GET /api/villages`, `GET /api/villages/:id`). Amounts in yuan. */

/** A year's indicators of a village as its register holds them. */
export interface VillageYear {
  year: number;
  registeredPopulation: number;
  poorPopulation: number;
  perCapitaIncome: number;
  collectiveIncome: number;
  road: boolean;
  water: boolean;
  power: boolean;
  clinic: boolean;
  broadband: boolean;
}

/** A village of the register with its latest indicators. */
export interface VillageSummary {
  id: string;
  name: string;
  townName: string | null;
  /** 相对贫困村 by the county's rule (8,000 元 / 5 %). */
  designated: boolean;
  /** The year it left (出列), or null. */
  exitedYear: number | null;
  latest: VillageYear | null;
  /** The exit line of the latest year (`villageExitIncome`, 9,820 元 in the plan). */
  exitLine: number;
}

/** One village: every year's indicators, what keeps it from the exit line, and whether the caller may propose its exit. */
export interface VillageDetail extends VillageSummary {
  years: VillageYear[];
  /** Why the latest year's indicators miss the exit line (9,820 元 and the facilities), in Chinese; empty when they meet it. */
  exitShortfalls: string[];
  exitedOn: string | null;
  /** The running `village-exit` case of the village, if any. */
  openExitCaseId: string | null;
  /** True for the village's own clerk while the village is designated, has not left and has no exit case running. */
  canStartExit: boolean;
}
