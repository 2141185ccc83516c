/** Shapes of the public notices, the household registry and the reports. */

/** The household a notice is about, as the public may see it. */
export interface NoticeContent {
  headName: string;
  /** Masked by the server: `441424********1234`. */
  headIdNumber: string;
  category?: string;
  size?: number;
}

export interface NoticeSummary {
  id: string;
  kind: string;
  title: string;
  status: 'open' | 'closed';
  startsAt: string;
  endsAt: string | null;
  townName: string;
  villageName: string;
  content: NoticeContent;
}

/** A notice with what the village recorded when posting it (the publicNotice form), where known. */
export interface Notice extends NoticeSummary {
  places?: string[];
  contactPhone?: string;
  postedBy?: string;
}

/** An objection; without name and phone it is anonymous, which the notice rules allow. */
export interface ObjectionInput {
  content: string;
  name?: string;
  phone?: string;
}

/** A help record (帮扶记录卡 row), as in `schemas/_defs.json#/$defs/helpRecord`. */
export interface HelpRecord {
  date: string;
  helperName: string;
  helperUnit: string;
  measureType: string;
  content: string;
  value?: number;
  confirmedByHousehold?: boolean;
  confirmedByVillageHead?: boolean;
  confirmedByTeamLeader?: boolean;
}

export interface HouseholdSummary {
  id: string;
  headName: string;
  /** Masked unless the caller's role may see it. */
  headIdNumber: string;
  townName: string;
  villageName: string;
  category: string;
  status: string;
  size?: number;
  mainCause?: string;
  perCapitaIncome?: number;
  registeredAt: string;
}

/** A registered household: the household block of its application (`data`), its help records and its cases. */
export interface Household extends HouseholdSummary {
  data: {
    address?: { town?: string; village?: string; group?: string };
    head?: { phone?: string };
    mainCause?: string;
    otherCauses?: string[];
    members?: Record<string, unknown>[];
    income?: Record<string, unknown>;
    livingConditions?: Record<string, unknown>;
  };
  helpRecords: HelpRecord[];
  instances: { id: string; definitionKey: string; state: unknown; status: string; startedAt?: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ImportReport {
  total: number;
  imported: number;
  failed: number;
  rows: { row: number; ok: boolean; householdId?: string; errors?: string[] }[];
}

/** One town's row of `GET /api/reports/progress` for the report's year. */
export interface TownProgress {
  orgUnitId: string;
  name: string;
  /** People in households registered by the end of the year. */
  poorPeople: number;
  /** People in households that had exited by the end of the year. */
  exitedPeople: number;
  /** exitedPeople / poorPeople, rounded to 0.001 (0 without registered people). */
  exitedShare: number;
  /** The year's target share (0.3, 0.7, 1) and what it means in people. */
  targetShare: number;
  targetPeople: number;
  onTrack: boolean;
  /** Tasks open now (not by year), the overdue ones among them. */
  openTasks: number;
  overdueTasks: number;
}

/** `GET /api/reports/progress?year=`: one year's exits against its target, by town, within the caller's scope. */
export interface ProgressReport {
  year: number;
  targetShare: number;
  /** The target share of every configured year (0.3, 0.7, 1 …). */
  targets: { year: number; share: number }[];
  towns: TownProgress[];
  totals: { poorPeople: number; exitedPeople: number; openTasks: number; overdueTasks: number };
}
