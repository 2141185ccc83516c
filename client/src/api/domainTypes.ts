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

export interface TownProgress {
  orgUnitId: string;
  name: string;
  /** Registered poor people at the start of the campaign. */
  poorPeople: number;
  /** Cumulative people exited by the end of each year, keyed by year. */
  exitedByYear: Record<string, number>;
  openTasks: number;
  overdueTasks: number;
}

export interface ProgressReport {
  /** Share of poor people that must have exited by the end of each year (0.3, 0.7, 1). */
  targets: { year: number; share: number }[];
  towns: TownProgress[];
}
