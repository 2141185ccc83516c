import { belowPattern } from '../../auth/org-scope';
import { isUuid } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import { maskIdNumber, maskName, maskPersonalData } from '../masking';
import type { NoticeSummary, ProjectNoticeContent, VillageNoticeContent } from '../../contract';

/** A notice as the public sees it (the household's name and ID number masked): the contract's `NoticeSummary`. */
export type NoticeView = NoticeSummary;

const NOTICE_COLUMNS = `n.id, n.kind, n.title, n.status, n.starts_at, n.ends_at, n.org_unit_id, n.content,
  v.name AS village_name, tw.name AS town_name,
  (SELECT s.subject->>'village' FROM instances s WHERE s.id = n.instance_id) AS subject_place`;
const NOTICE_JOINS = `LEFT JOIN org_units v ON v.id = n.org_unit_id LEFT JOIN org_units tw ON tw.id = v.parent_id`;

/** A notice row as {@link NOTICE_COLUMNS} selects it. */
interface NoticeRow {
  id: string;
  kind: string;
  title: string;
  status: 'open' | 'closed';
  starts_at: Date;
  ends_at: Date | null;
  org_unit_id: string;
  content: { headName?: unknown; headIdNumber?: unknown; category?: unknown; size?: unknown; project?: Record<string, unknown>; village?: Record<string, unknown> } | null;
  village_name: string | null;
  town_name: string | null;
  /** The case's subject's village and 村民小组 (董源村第三村民小组); no personal data. */
  subject_place: string | null;
}

/** How the county shows notices: names masked or in full (a county setting), ID numbers always masked. */
export interface NoticeDisplay {
  maskNames: boolean;
  objectionHotline?: string;
  objectionAddress?: string;
}

const MASKED: NoticeDisplay = { maskNames: true };

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** A project notice's content as stored by the step that published it, re-checked field by field (names as the county shows them). */
function toProjectContent(p: Record<string, unknown>, display: NoticeDisplay): ProjectNoticeContent {
  const sources = Array.isArray(p.fundSources) ? p.fundSources as Array<Record<string, unknown>> : [];
  const names = Array.isArray(p.beneficiaries) ? (p.beneficiaries as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  return {
    name: text(p.name) ?? '', projectType: text(p.projectType), location: text(p.location), budget: num(p.budget),
    fundSources: sources.map((f) => ({ source: String(f.source ?? ''), amount: num(f.amount) ?? 0 })),
    winner: text(p.winner), amount: num(p.amount), paid: num(p.paid),
    beneficiaries: names.map((n) => (display.maskNames ? maskName(n) : n)), beneficiaryCount: num(p.beneficiaryCount) ?? names.length,
  };
}

const NO_FIELDS = new Map<string, never>();
const freeText = (v: unknown) => { const t = text(v); return t === null ? null : maskPersonalData(t, NO_FIELDS); };
const flag = (v: unknown) => v === true;

/**
 * A village exit notice's content as stored by the county's approval, re-checked field by field: figures as numbers,
 * free text (the village's summary, the opinions) with any long digit run masked as an ID number would be.
 */
function toVillageContent(v: Record<string, unknown>): VillageNoticeContent {
  const i = v.indicators && typeof v.indicators === 'object' ? v.indicators as Record<string, unknown> : null;
  const d = v.decision && typeof v.decision === 'object' ? v.decision as Record<string, unknown> : {};
  return {
    name: text(v.name) ?? '', townName: text(v.townName), year: num(v.year),
    indicators: i && {
      registeredPopulation: num(i.registeredPopulation) ?? 0, poorPopulation: num(i.poorPopulation) ?? 0, perCapitaIncome: num(i.perCapitaIncome) ?? 0,
      collectiveIncome: num(i.collectiveIncome) ?? 0, road: flag(i.road), water: flag(i.water), power: flag(i.power), clinic: flag(i.clinic), broadband: flag(i.broadband),
    },
    exitLine: num(v.exitLine) ?? 0, meetsLine: typeof v.meetsLine === 'boolean' ? v.meetsLine : null, summary: freeText(v.summary),
    decision: { townOpinion: freeText(d.townOpinion), countyOpinion: freeText(d.countyOpinion), decisionNumber: text(d.decisionNumber), decidedOn: text(d.decidedOn) },
  };
}

/** Only these fields of a notice's content ever leave the server; the ID number always masked, the name as the county sets. */
function toNoticeView(r: NoticeRow, display: NoticeDisplay): NoticeView {
  const c = r.content ?? {};
  return {
    id: r.id, kind: r.kind, title: r.title, status: r.status, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at?.toISOString() ?? null,
    orgUnitId: r.org_unit_id, townName: r.town_name ?? null, villageName: r.village_name ?? null, place: r.subject_place || null,
    content: {
      headName: display.maskNames ? maskName(c.headName) : (typeof c.headName === 'string' ? c.headName : ''), headIdNumber: maskIdNumber(c.headIdNumber),
      category: typeof c.category === 'string' ? c.category : null, size: typeof c.size === 'number' ? c.size : null,
      ...(c.project ? { project: toProjectContent(c.project, display) } : {}),
      ...(c.village ? { village: toVillageContent(c.village) } : {}),
    },
  };
}

/** Public notices under an org path (or all of the county), newest first. */
export async function listNotices(db: SqlClient, tenantId: string, filter: { path?: string; status: 'open' | 'closed' | 'all'; page: number; pageSize: number }, display: NoticeDisplay = MASKED) {
  const values: unknown[] = [tenantId];
  const where = ['n.tenant_id = $1'];
  if (filter.status !== 'all') where.push(`n.status = $${values.push(filter.status)}`);
  if (filter.path) where.push(`(n.org_path = $${values.push(filter.path)} OR n.org_path LIKE $${values.push(belowPattern(filter.path))})`);
  const whereSql = where.join(' AND ');
  const [items, count] = await Promise.all([
    db.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices n ${NOTICE_JOINS} WHERE ${whereSql} ORDER BY n.starts_at DESC, n.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notices n WHERE ${whereSql}`, values),
  ]);
  return { items: items.rows.map((r) => toNoticeView(r, display)), total: count.rows[0].n, page: filter.page, pageSize: filter.pageSize };
}

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** The step whose form records a notice's posting, by the notice's kind: the 两公示一公告 town notice has its own; every other kind's is `posting`. */
const POSTING_STEP: Readonly<Record<string, string>> = { 'identification-town': 'secondPosting' };
const postingStep = (kind: string) => POSTING_STEP[kind] ?? 'posting';

function postingOf(data: Record<string, unknown> | null, kind = ''): Record<string, unknown> | null {
  const own = POSTING_STEP[kind];
  const found = (own ? data?.[own] : undefined) ?? data?.['publicNotice.posting'] ?? data?.posting ?? data?.publicNotice ?? null;
  return found && typeof found === 'object' ? (found as Record<string, unknown>) : null;
}

/** Where and how the village posted the notice (the posting step's form), public by nature. */
function postingDetails(data: Record<string, unknown> | null, kind: string) {
  const posting = postingOf(data, kind);
  if (!posting) return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    places: strings(posting.places), postedFrom: str(posting.postedFrom), postedUntil: str(posting.postedUntil), contactPhone: str(posting.contactPhone),
    noticeNo: str(posting.noticeNo), noticeTitle: str(posting.noticeTitle),
    photoIds: strings(posting.photoRefs),
  };
}

/**
 * The attachment ids of the photos of the posted notice: the only files of a case the public may
 * see (`GET /api/notices/:id/photos/:photoId`).
 */
export function noticePhotoIds(data: Record<string, unknown> | null, kind = ''): string[] {
  return strings(postingOf(data, kind)?.photoRefs) ?? [];
}

/** One household of a village's batch notice: who, in which 村民小组, how many people, 属性 and 致贫原因. */
export interface NoticeBatchEntry {
  noticeId: string;
  headName: string;
  headIdNumber: string;
  group: string | null;
  size: number | null;
  category: string | null;
  cause: string | null;
}

/**
 * The households a village posted together (§二(三)2): the notices of the same kind and village whose
 * posting carries the same 公示编号, by 村民小组 in the org tree's order; a notice without a number lists its household alone.
 * Names follow the county's masking setting; ID numbers are always masked.
 */
async function noticeBatch(db: SqlClient, tenantId: string, row: NoticeRow, noticeNo: string | undefined, display: NoticeDisplay): Promise<NoticeBatchEntry[]> {
  const { rows } = await db.query<{ id: string; content: NoticeRow['content']; grp: string | null; cause: string | null }>(
    `SELECT n.id, n.content, i.data->'application'->'household'->'address'->>'group' AS grp, i.data->'application'->'household'->>'mainCause' AS cause
     FROM notices n JOIN instances i ON i.id = n.instance_id
     WHERE n.tenant_id = $1 AND ${noticeNo === undefined ? 'n.id = $2' : `n.org_unit_id = $2 AND n.kind = $3 AND coalesce(i.data->$5, i.data->'publicNotice.posting')->>'noticeNo' = $4`}
     ORDER BY (SELECT g.id FROM org_units g WHERE g.tenant_id = n.tenant_id AND g.parent_id = n.org_unit_id AND g.level = 'group'
               AND g.name = i.data->'application'->'household'->'address'->>'group') NULLS LAST, grp NULLS LAST, n.starts_at, n.id LIMIT 500`,
    noticeNo === undefined ? [tenantId, row.id] : [tenantId, row.org_unit_id, row.kind, noticeNo, postingStep(row.kind)]);
  return rows.flatMap((r) => {
    // A village's exit notice is about the village: it lists no households.
    if (r.content && (r.content as { village?: unknown }).village) return [];
    // A notice that lists its households itself (a 回头看's 拟清退 households) shows each of them, its reason as the cause.
    const listed = r.content && Array.isArray((r.content as { households?: unknown }).households) ? (r.content as { households: Array<Record<string, unknown>> }).households : null;
    if (listed) {
      return listed.map((h) => ({
        noticeId: r.id, headName: display.maskNames ? maskName(h.headName) : (text(h.headName) ?? ''), headIdNumber: maskIdNumber(h.headIdNumber),
        group: text(h.group), size: num(h.size), category: text(h.category), cause: text(h.cause),
      }));
    }
    const view = toNoticeView({ ...row, content: r.content }, display).content;
    return [{ noticeId: r.id, headName: view.headName, headIdNumber: view.headIdNumber, group: r.grp, size: view.size ?? null, category: view.category ?? null, cause: r.cause }];
  });
}

/** One notice with its posting details and the village's batch it was posted in, or null. */
export async function findNotice(db: SqlClient, tenantId: string, id: string, display: NoticeDisplay = MASKED): Promise<(NoticeView & Record<string, unknown>) | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<NoticeRow & { instance_data: Record<string, unknown> | null }>(
    `SELECT ${NOTICE_COLUMNS}, i.data AS instance_data FROM notices n ${NOTICE_JOINS} JOIN instances i ON i.id = n.instance_id
     WHERE n.id = $1 AND n.tenant_id = $2`, [id, tenantId]);
  if (!rows[0]) return null;
  const contacts = { objectionHotline: display.objectionHotline, objectionAddress: display.objectionAddress };
  const posting = postingDetails(rows[0].instance_data, rows[0].kind);
  const batch = await noticeBatch(db, tenantId, rows[0], posting.noticeNo, display);
  return { ...toNoticeView(rows[0], display), ...posting, ...contacts, batch };
}

