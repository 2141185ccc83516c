/** Public notices and objections, the household registry (建档立卡) and the progress report. */
import type { Page } from './common';

/** The household a notice is about, as the public may see it. */
export interface NoticeContent {
  /** Masked by the server: `张*明`. */
  headName: string;
  /** Masked by the server: `441424********1234`. */
  headIdNumber: string;
  category?: string | null;
  size?: number | null;
  /** A project's 三公开 notice: what the project is, its money and who it helps (no personal numbers). */
  project?: ProjectNoticeContent | null;
  /** A village's exit notice (出列公示): the village, its indicators of the year and the decision (no personal data). */
  village?: VillageNoticeContent | null;
}

/** The village an exit notice is about: the register's indicators of the year against the exit line, and the decision. */
export interface VillageNoticeContent {
  name: string;
  townName: string | null;
  year: number | null;
  indicators: {
    registeredPopulation: number; poorPopulation: number; perCapitaIncome: number; collectiveIncome: number;
    road: boolean; water: boolean; power: boolean; clinic: boolean; broadband: boolean;
  } | null;
  /** The exit line of the year (`villageExitIncome`, 9,820 元 in the plan). */
  exitLine: number;
  meetsLine: boolean | null;
  /** What the village achieved, as it proposed its exit. */
  summary: string | null;
  decision: { townOpinion: string | null; countyOpinion: string | null; decisionNumber: string | null; decidedOn: string | null };
}

/** The project a plan, award or results notice is about (三公开: project, funds, results). */
export interface ProjectNoticeContent {
  name: string;
  projectType: string | null;
  /** 乡镇 and 行政村 where it is built. */
  location: string | null;
  /** Approved budget in yuan. */
  budget: number | null;
  fundSources: Array<{ source: string; amount: number }>;
  /** The winning bidder or the commissioned village body, once known. */
  winner: string | null;
  /** Award or contract amount in yuan, once known. */
  amount: number | null;
  /** Paid so far in yuan. */
  paid: number | null;
  /** Beneficiary households: heads' names as the county shows names, and how many. */
  beneficiaries: string[];
  beneficiaryCount: number;
}

/** A notice on the public board (`GET /api/notices`): the household's name and ID number masked. */
export interface NoticeSummary {
  id: string;
  kind: string;
  title: string;
  status: 'open' | 'closed';
  startsAt: string;
  endsAt: string | null;
  orgUnitId?: string;
  townName: string | null;
  villageName: string | null;
  /** Where the household lives as the case's subject names it: village and 村民小组 (董源村第三村民小组). */
  place?: string | null;
  content: NoticeContent;
}

/** `GET /api/notices/:id`: with what the village recorded when posting it, where known. */
export interface Notice extends NoticeSummary {
  places?: string[];
  postedFrom?: string;
  postedUntil?: string;
  contactPhone?: string;
  postedBy?: string;
  /** The photos of the posted notice (`GET /api/notices/:id/photos/:photoId[/thumbnail]`). */
  photoIds?: string[];
  /** The county's phone and address for objections (county configuration). */
  objectionHotline?: string;
  objectionAddress?: string;
  /** 公示编号 and the title as the village entered them when posting. */
  noticeNo?: string;
  noticeTitle?: string;
  /** Every household the village posted under the same 公示编号, by 村民小组 (this one alone without a number). */
  batch?: NoticeBatchEntry[];
}

/** One household of a village's batch notice (names as the county sets, ID numbers masked). */
export interface NoticeBatchEntry {
  noticeId: string;
  headName: string;
  headIdNumber: string;
  group: string | null;
  size: number | null;
  category: string | null;
  cause: string | null;
}

export type NoticePage = Page<NoticeSummary>;

/** A page of the public board; `town` and `village` are names (华城镇, 董源村), filtered by the server. */
export interface NoticeQuery {
  status?: 'open' | 'closed' | 'all';
  town?: string;
  village?: string;
  page?: number;
  pageSize?: number;
}

/** `POST /api/notices/:id/objections`; without name and phone it is anonymous, which the notice rules allow. */
export interface ObjectionInput {
  content: string;
  name?: string;
  phone?: string;
}

/**
 * `POST /api/notices/:id/objections` answers 201 with the objection's own number (异议编号,
 * `441424-2026-Y000012`) and how to look it up: with the last four digits of the phone given, or,
 * for an objection without a phone, with the four-digit `lookupCode` made for it (shown once, on
 * the receipt).
 */
export interface ObjectionAnswer {
  id: string;
  noticeId: string;
  status: 'received';
  receiptNo: string;
  filedAt: string;
  lookupBy: 'phone' | 'code';
  lookupCode?: string;
}

/** `POST /api/objections/lookup`: the objection's number and the phone's last four digits (or the lookup code). */
export interface ObjectionLookupInput {
  receiptNo: string;
  phoneTail: string;
}

/**
 * What the public lookup answers: only what the objector may see — the number, when it was filed,
 * the notice it concerns, and how far its review has come (never the text, the contact, who
 * reviewed it or their comments).
 */
export interface ObjectionStatus {
  receiptNo: string;
  filedAt: string;
  notice: { id: string; title: string; townName: string | null; villageName: string | null };
  /** received: waiting for the review to open; reviewing: the town is investigating; concluded: decided; closed: the case ended otherwise. */
  status: 'received' | 'reviewing' | 'concluded' | 'closed';
  /** When the review is due (while reviewing). */
  dueAt: string | null;
  /** The decision and when it was taken (once concluded). */
  result: { label: string; labelEn: string; at: string } | null;
}

/** A help record (帮扶记录卡 row): written by the card's form `help.record`, by the measures and by every process that helps. */
export interface HelpRecord {
  id?: string;
  /** 走访, 帮扶措施 or 帮扶成效. */
  entryKind?: string;
  result?: string | null;
  sourceInstanceId?: string | null;
  locked?: boolean;
  date: string;
  helperName: string;
  helperUnit: string;
  measureType: string;
  content: string;
  value?: number | null;
  confirmedByHousehold?: boolean;
  confirmedByVillageHead?: boolean;
  confirmedByTeamLeader?: boolean;
}

/** One pairing of a household with its 帮扶责任人 (重点帮扶 or 联系帮扶), current or ended. */
export interface HelperAssignment {
  id: string;
  helperUserId: string;
  helperName: string;
  helperUnit: string;
  helpKind: string;
  assignedAt: string;
  assignedBy: string;
  reason: string | null;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

/** `GET /api/help/pairings?village=`: a village's 帮扶单位 and each registered household's current 帮扶责任人. */
export interface VillagePairings {
  village: { id: string; name: string };
  /** The 帮扶单位 paired with the village (or its town), whose helpers new households get; null when none. */
  helpUnit: { id: string; name: string } | null;
  households: Array<{
    id: string;
    headName: string;
    category: string | null;
    status: string;
    /** The current pairing, or null when the household waits for its town to choose. */
    helper: { userId: string; name: string; unit: string; helpKind: string; since: string } | null;
  }>;
}

/** A registry row as lists and exports show it (`GET /api/households`). */
export interface HouseholdSummary {
  id: string;
  headName: string;
  /** Masked unless the caller may unmask and asked for it. */
  headIdNumber: string;
  orgUnitId?: string;
  townName: string | null;
  villageName: string | null;
  category: string | null;
  status: string;
  size?: number | null;
  mainCause?: string | null;
  perCapitaIncome?: number | null;
  registeredAt: string;
}

/** `GET /api/households` (and `export.xlsx`, without the paging): town, village and the rest filter the registry. */
export interface HouseholdQuery {
  q?: string;
  town?: string;
  village?: string;
  category?: string;
  status?: string;
  cause?: string;
  page?: number;
  pageSize?: number;
}

export type HouseholdPage = Page<HouseholdSummary>;

/** `GET /api/households/:id`: the household block of its application (`data`), its help records and its cases. */
export interface Household extends HouseholdSummary {
  data: {
    address?: { town?: string; village?: string; group?: string };
    head?: { phone?: string };
    mainCause?: string;
    otherCauses?: string[];
    members?: Record<string, unknown>[];
    income?: Record<string, unknown>;
    livingConditions?: Record<string, unknown>;
    [key: string]: unknown;
  };
  helpRecords: HelpRecord[];
  /** The household's 帮扶责任人 pairings, newest first; the first is current when `endedAt` is null. */
  helpers?: HelperAssignment[];
  /** 一户一策 plans, newest year first. */
  plans?: { year: number; authorName: string; data: Record<string, unknown>; updatedAt: string }[];
  /** Measures recorded by the departments and the helper, newest first. */
  measures?: { id: string; kind: string; year: number; date: string; memberName: string | null; data: Record<string, unknown>; enteredByName: string; unitName: string | null }[];
  /** The cases about the household, newest first (at most 50): registering, changing, helping it. */
  instances: { id: string; definitionKey: string; state: unknown; status: string; startedAt?: string; receiptNo?: string | null }[];
}

/** A member as a version's changes name it (ID number masked unless unmasked). */
export interface VersionMember {
  name: string;
  idNumber: string;
  relation: string | null;
}

/** What changed from the version before (`null` on version 1). */
export interface HouseholdVersionChanges {
  membersAdded: VersionMember[];
  membersRemoved: VersionMember[];
  head: { from: VersionMember; to: VersionMember } | null;
  /** Fields of the household or of a member, with Chinese labels (`成员 曾小明 · 文化程度`). */
  fields: { label: string; from: string; to: string }[];
}

/** One version of a registered household (`GET /api/households/:id/versions`), newest first. */
export interface HouseholdVersion {
  version: number;
  previousVersion: number | null;
  /** 建档立卡, 出生, 婚入, 死亡, 婚出, 分户, 户主变更, 信息更正, 状态变更, 台账更新. */
  changeType: string;
  reason: string | null;
  changedAt: string;
  changedBy: string | null;
  instanceId: string | null;
  receiptNo: string | null;
  headName: string;
  headIdNumber: string;
  status: string;
  size: number;
  changes: HouseholdVersionChanges | null;
}

/** The answer of an Excel import (households, org units): every row, each with the id it was registered under. */
export interface ImportReport {
  total: number;
  imported: number;
  failed: number;
  rows: { row: number; ok: boolean; id?: string; errors?: string[] }[];
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
