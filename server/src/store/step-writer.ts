import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { FoldedWrite } from '../kernel';
import { unitWorkerCondition } from './notifications.repository';
import { toStoredSnapshot } from './stored-snapshot';

/** A task row to insert. */
export interface NewTaskRow {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  state: string;
  title: unknown;
  formKey: string;
  outcomes: unknown;
  candidateRoles: string[];
  orgUnitId: string;
  orgPath: string;
  dueAt: Date | null;
  /**
   * The notification that tells the task's workers of it (kind `task_assigned` or `returned`), written with the task;
   * `enqueuedAt` when it is handed over right after the commit (the sweep leaves it alone meanwhile).
   */
  notification?: { id: string; kind: string; payload: Record<string, unknown>; enqueuedAt: Date | null; deliver?: InStepDelivery };
}

/**
 * A new task's notification delivered by the step's own statement: the notification is written
 * delivered, through `channels` (local ones, which send after the commit), and each active user of
 * the task's unit holding one of its roles, but `excludeUserId` (who caused it), gets an in-app
 * message titled `lead` followed by the task's title and the case's subject, with `body`.
 */
export interface InStepDelivery {
  lead: string;
  body: string | null;
  excludeUserId: string | null;
  channels: string[];
}

/** One in-app message a step's statement wrote: the notification it delivers and its recipient. */
export interface MessageWrittenInStep {
  notificationId: string;
  taskId: string;
  kind: string;
  title: string;
  body: string | null;
  userId: string;
  username: string;
  displayName: string;
  phone: string | null;
}

/** A written step: the instance's new version and the messages its statement wrote. */
export interface WrittenStep {
  version: number;
  messages: MessageWrittenInStep[];
}

export interface NewTimerRow {
  id: string;
  key: string;
  eventType: string;
  fireAt: Date;
}

export interface HistoryRow {
  seq: number;
  type: string;
  /** The actor and payload as canonical JSON (the text that was hashed), sent as they are. */
  actorJson: string;
  payloadJson: string;
  prevHash: string;
  hash: string;
}

/**
 * How a step changes the instance's accumulated form data: `merge` sets the top-level keys it
 * names (a task completion adds one), `replace` writes the whole value (a key was removed). Only
 * what changed is sent: the rest stays in the row.
 */
export type DataChange = { merge: Record<string, unknown> } | { replace: unknown };

/**
 * The change from `before` to `after`: the top-level keys whose value is not the same object (the
 * engine's assign copies what it changes and keeps the rest), or the whole value when a key went.
 */
export function dataChangeOf(before: Record<string, unknown> | undefined, after: Record<string, unknown>): DataChange {
  const merge: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (!before || before[key] !== after[key]) merge[key] = after[key];
  }
  if (before) {
    for (const key of Object.keys(before)) if (!(key in after)) return { replace: after };
  }
  return { merge };
}

/** Everything one engine step writes, committed together or not at all. */
export interface StepWrite {
  tenantId: string;
  instanceId: string;
  now: Date;
  status: string;
  state: unknown;
  snapshot: unknown;
  data: DataChange;
  history: HistoryRow;
  completeTask?: { id: string; by: string | null; outcome: string; comment: string | null };
  firedTimerId?: string;
  closeStates: string[];
  /** On completion of the instance every open task and scheduled timer is closed. */
  closeAll: boolean;
  openTasks: NewTaskRow[];
  cancelTimerKeys: string[];
  newTimers: NewTimerRow[];
  /** What the case is about after this step (the definition's `meta.subject`); null keeps the stored one. */
  subject: unknown;
}

export interface NewInstanceRow {
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  orgUnitId: string;
  orgPath: string;
  title: string | null;
  createdBy: string | null;
  /** The year of the 受理编号 (China time): `<tenant>-<year>-<sequence>`. */
  receiptYear: number;
}

// Every statement below is one round trip. Each sub-statement joins `u` (the instance row
// written), so when the optimistic check fails nothing at all is written. Parameters: $1 tenant,
// $2 instance, $3 expected version, $4 now, $5 status, $6 state, $7 snapshot, $8 history seq, $9
// history hash, $10-$13 the completed task (id, by, outcome, comment), $14 states whose tasks
// close, $15 new tasks, $16 timer keys cancelled, $17 new timers, $18 the fired timer, $19 close
// everything, $20-$23 the history row (type, actor, payload, previous hash), $24 the data change,
// $25 the subject; a first step adds $26-$33 (the instance row's own columns).

/**
 * One part of the step statement: a CTE the statement carries only when this step needs it. A
 * part that would change no row still opens its table and every index of it when the statement
 * starts, so each step's statement names only the tables it writes.
 */
interface StepPart {
  name: string;
  needed: (w: StepWrite) => boolean;
  sql: string;
}

const delivers = (w: StepWrite) => w.openTasks.some((t) => t.notification?.deliver !== undefined);

const PARTS: StepPart[] = [
  { name: 'ct', needed: (w) => w.completeTask !== undefined, sql: `
  UPDATE tasks t SET status = 'completed', completed_at = $4::timestamptz, completed_by = $11::uuid, outcome = $12::text, comment = $13::text
  FROM u WHERE t.id = $10::uuid AND t.status IN ('open', 'claimed') RETURNING t.id` },
  { name: 'st', needed: (w) => w.subject != null, sql: `
  -- Open tasks that stay open carry the case's subject as it is now; the rows ct and xt close are left to them.
  UPDATE tasks t SET subject = u.subject FROM u
  WHERE t.instance_id = $2::uuid AND t.status IN ('open', 'claimed') AND t.subject IS DISTINCT FROM u.subject
    AND t.id IS DISTINCT FROM $10::uuid AND NOT $19::boolean AND NOT (t.state = ANY($14::text[])) RETURNING t.id` },
  { name: 'xt', needed: (w) => w.closeAll || w.closeStates.length > 0, sql: `
  UPDATE tasks t SET status = 'cancelled', completed_at = $4::timestamptz
  FROM u WHERE t.instance_id = $2::uuid AND t.status IN ('open', 'claimed') AND t.id IS DISTINCT FROM $10::uuid
    AND ($19::boolean OR t.state = ANY($14::text[])) RETURNING t.id` },
  { name: 'nt', needed: (w) => w.openTasks.length > 0, sql: `
  INSERT INTO tasks (id, tenant_id, instance_id, definition_key, definition_version, state, title, form_key, outcomes,
                     candidate_roles, org_unit_id, org_path, status, due_at, created_at, subject, receipt_no)
  SELECT r."id", $1::text, $2::uuid, r."definitionKey", r."definitionVersion", r."state", r."title", r."formKey", r."outcomes",
         r."candidateRoles", r."orgUnitId", r."orgPath", 'open', r."dueAt", $4::timestamptz, u.subject, u.receipt_no
  FROM u, jsonb_to_recordset($15::jsonb) AS r("id" uuid, "definitionKey" text, "definitionVersion" int, "state" text, "title" jsonb,
       "formKey" text, "outcomes" jsonb, "candidateRoles" text[], "orgUnitId" text, "orgPath" text, "dueAt" timestamptz)
  RETURNING id` },
  { name: 'nn', needed: (w) => w.openTasks.some((t) => t.notification !== undefined), sql: `
  -- The outbox rows that tell the new tasks' workers: pending for a queued job to deliver after
  -- commit, or delivered here, with their messages (nm), when the step delivers them itself.
  INSERT INTO notifications (id, tenant_id, instance_id, task_id, template, kind, payload, status, deliver_at, created_at, enqueued_at,
                             delivered_at, attempts, channels_done)
  SELECT (r."notification" ->> 'id')::uuid, $1::text, $2::uuid, r."id", r."notification" ->> 'kind', r."notification" ->> 'kind',
         r."notification" -> 'payload', CASE WHEN r."notification" ? 'deliver' THEN 'delivered' ELSE 'pending' END, $4::timestamptz, $4::timestamptz,
         (r."notification" ->> 'enqueuedAt')::timestamptz, CASE WHEN r."notification" ? 'deliver' THEN $4::timestamptz END,
         CASE WHEN r."notification" ? 'deliver' THEN 1 ELSE 0 END, ARRAY(SELECT jsonb_array_elements_text(r."notification" -> 'deliver' -> 'channels'))
  FROM u, jsonb_to_recordset($15::jsonb) AS r("id" uuid, "notification" jsonb)
  WHERE r."notification" IS NOT NULL
  RETURNING id` },
  { name: 'wk', needed: delivers, sql: `
  -- The workers of each new task delivered here: the active users of its unit holding one of its roles.
  SELECT (r."notification" ->> 'id')::uuid AS notification_id, r."id" AS task_id, r."notification" ->> 'kind' AS kind,
         (r."notification" -> 'deliver' ->> 'lead')
           || concat_ws(' · ', NULLIF(COALESCE(r."title" ->> 'zh', u.title), ''), NULLIF(u.subject ->> 'text', '')) AS title,
         r."notification" -> 'deliver' ->> 'body' AS body, w.id AS user_id, w.username, w.display_name, w.phone
  FROM u, jsonb_to_recordset($15::jsonb) AS r("id" uuid, "title" jsonb, "candidateRoles" text[], "orgUnitId" text, "notification" jsonb), users w
  WHERE r."notification" ? 'deliver' AND w.tenant_id = $1::text AND ${unitWorkerCondition('w', 'r."orgUnitId"', 'r."candidateRoles"')}
    AND w.id IS DISTINCT FROM (r."notification" -> 'deliver' ->> 'excludeUserId')::uuid` },
  { name: 'nm', needed: delivers, sql: `
  INSERT INTO messages (id, tenant_id, user_id, notification_id, kind, title, body, instance_id, task_id, subject, created_at)
  SELECT gen_random_uuid(), $1::text, wk.user_id, wk.notification_id, wk.kind, wk.title, wk.body, $2::uuid, wk.task_id, u.subject, $4::timestamptz
  FROM wk, u
  RETURNING id` },
  { name: 'ft', needed: (w) => w.firedTimerId !== undefined, sql: `
  UPDATE timers tm SET status = 'fired', fired_at = $4::timestamptz FROM u WHERE tm.id = $18::uuid AND tm.status = 'scheduled' RETURNING tm.id` },
  { name: 'xtm', needed: (w) => w.closeAll || w.cancelTimerKeys.length > 0, sql: `
  UPDATE timers tm SET status = 'cancelled' FROM u
  WHERE tm.instance_id = $2::uuid AND tm.status = 'scheduled' AND tm.id IS DISTINCT FROM $18::uuid
    AND ($19::boolean OR tm.key = ANY($16::text[])) RETURNING tm.id` },
  { name: 'ntm', needed: (w) => w.newTimers.length > 0, sql: `
  INSERT INTO timers (id, tenant_id, instance_id, key, event_type, fire_at, status, created_at)
  SELECT r."id", $1::text, $2::uuid, r."key", r."eventType", r."fireAt", 'scheduled', $4::timestamptz
  FROM u, jsonb_to_recordset($17::jsonb) AS r("id" uuid, "key" text, "eventType" text, "fireAt" timestamptz)
  RETURNING id` },
  { name: 'h', needed: () => true, sql: `
  INSERT INTO history (tenant_id, instance_id, seq, at, type, actor, payload, prev_hash, hash)
  SELECT $1::text, $2::uuid, $8::int, $4::timestamptz, $20::text, $21::jsonb, $22::jsonb, $23::text, $9::text FROM u RETURNING id` },
];

const MESSAGES_WRITTEN = `(SELECT json_agg(json_build_object('notificationId', wk.notification_id, 'taskId', wk.task_id, 'kind', wk.kind, 'title', wk.title, 'body', wk.body,
     'userId', wk.user_id, 'username', wk.username, 'displayName', wk.display_name, 'phone', wk.phone) ORDER BY wk.notification_id, wk.username) FROM wk)`;

/**
 * How a step sets the form data: the keys it changed merged into the stored value, the whole value
 * (`[value]`) when a key went, or not at all when nothing changed, so the stored value (often
 * kept out of line, compressed) is neither read nor written again.
 */
function dataSet(w: StepWrite): string {
  if ('replace' in w.data) return '\n    data = $24::jsonb -> 0,';
  return Object.keys(w.data.merge).length ? '\n    data = data || $24::jsonb,' : '';
}

/**
 * The instance row of a later step, written only at the version the step was computed from. The
 * row is found by its id; its county is checked on the row found (`IS TRUE` keeps the condition
 * from being an index's): without statistics on the table (a new database, a restored backup
 * before its first ANALYZE) the planner rates the county's indexes as good as the primary key and
 * took one, reading every case of the county on every step.
 */
function updateInstance(w: StepWrite): string {
  return `
WITH u AS (
  UPDATE instances SET status = $5::text, state = $6::jsonb, snapshot = $7::jsonb,${dataSet(w)} version = version + 1,
    history_seq = $8::int, history_hash = $9::text, updated_at = $4::timestamptz, ended_at = CASE WHEN $5::text = 'running' THEN NULL ELSE $4::timestamptz END${w.subject != null ? `,
    subject = $25::jsonb` : ''}
  WHERE id = $2::uuid AND (tenant_id = $1::text) IS TRUE AND version = $3${w.completeTask ? `
    AND EXISTS (SELECT 1 FROM tasks WHERE id = $10::uuid AND status IN ('open', 'claimed'))` : ''}${w.firedTimerId !== undefined ? `
    AND EXISTS (SELECT 1 FROM timers WHERE id = $18::uuid AND status = 'scheduled')` : ''}
  RETURNING version, subject, receipt_no, title
)`;
}

const INSERT_INSTANCE = `
WITH rc AS (
  -- The 受理编号's sequence: one counter row per county and year, taken only when the case is written.
  INSERT INTO receipt_counters (tenant_id, kind, year, last) VALUES ($1::text, 'case', $33::int, 1)
  ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last
), u AS (
  INSERT INTO instances (id, tenant_id, definition_id, definition_key, definition_version, status, state, snapshot, data,
    org_unit_id, org_path, title, version, history_seq, history_hash, created_by, created_at, updated_at, ended_at, subject, receipt_no)
  SELECT $2::uuid, $1::text, $26::uuid, $27::text, $28, $5::text, $6::jsonb, $7::jsonb,
    CASE WHEN jsonb_typeof($24::jsonb) = 'array' THEN $24::jsonb -> 0 ELSE $24::jsonb END, $29::text, $30::text, $31::text, $3::int, $8::int, $9::text, $32::uuid, $4::timestamptz, $4::timestamptz,
    CASE WHEN $5::text = 'running' THEN NULL ELSE $4::timestamptz END, $25::jsonb, $1::text || '-' || $33::int || '-' || lpad(rc.last::text, 6, '0')
  FROM rc
  RETURNING version, subject, receipt_no, title
)`;

/** The SQLSTATE `jz_refuse_step()` raises (migration 0010) when a folded effect's condition does not hold. */
export const FOLD_REFUSED = 'JZ001';

/** A step statement: its name, its text, and which of the step's parameters it takes (1-based), in order. */
interface StepStatement {
  name: string;
  text: string;
  takes: number[];
}

/** A statement per step kind, set of parts and combination of folded shapes, built once. */
const statements = new Map<string, StepStatement>();

/**
 * The statement for this step: its instance row, the parts it needs, the folded effects' parts as
 * further CTEs after the step's own (their parameters numbered after the step's), and the final
 * SELECT, refusing the statement (SQLSTATE JZ001) when a fold's condition does not hold while the
 * step itself was written. The step's parameters that no part it carries names are not sent: the
 * rest are numbered anew in order.
 */
function stepStatement(kind: 'step' | 'first', w: StepWrite, folds: FoldedWrite[]): { statement: StepStatement; foldValues: unknown[] } {
  const parts = PARTS.filter((part) => part.needed(w));
  const foldValues: unknown[] = [];
  for (const f of folds) for (const part of f.parts) foldValues.push(...part.values);
  const key = `${kind}:${w.completeTask ? 't' : ''}${w.firedTimerId !== undefined ? 'f' : ''}:${dataSet(w)}:${parts.map((p) => p.name).join(',')}:`
    + folds.map((f) => f.parts.map((p) => p.shape).join('+')).join(',');
  const known = statements.get(key);
  if (known) return { statement: known, foldValues };

  const own = (kind === 'first' ? INSERT_INSTANCE : updateInstance(w)) + parts.map((part) => `, ${part.name} AS (${part.sql}\n)`).join('')
    + `\nSELECT (SELECT version FROM u) AS version, ${parts.some((p) => p.name === 'wk') ? MESSAGES_WRITTEN : 'NULL::json'} AS messages`;
  const takes = [...new Set([...own.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const renumber = new Map(takes.map((n, i) => [n, i + 1]));
  let text = own.replace(/\$(\d+)/g, (_, n: string) => `$${renumber.get(Number(n))}`);
  let next = takes.length;
  let index = 0;
  const ctes: string[] = [];
  const checks: string[] = [];
  for (const f of folds) {
    const names = f.parts.map(() => `f${index++}`);
    f.parts.forEach((part, i) => {
      const base = next;
      const sql = (fragment: string) => fragment.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + base}`).replace(/\{(\d+)\}/g, (_, n: string) => names[Number(n)]);
      ctes.push(`, ${names[i]} AS (\n  ${sql(part.sql)}\n)`);
      if (part.holds) checks.push(`(SELECT jz_refuse_step(${quote(part.shape)}) WHERE EXISTS (SELECT 1 FROM u) AND NOT (${sql(part.holds)}))`);
      next += part.values.length;
    });
  }
  if (ctes.length) {
    // The folds' CTEs go after the step's own, before its final SELECT, which then refuses what they say.
    const final = text.lastIndexOf('\nSELECT ');
    text = text.slice(0, final) + ctes.join('') + text.slice(final) + checks.map((c, i) => `, ${c} AS refused_${i}`).join('');
  }
  const made = { name: `jz_write_${kind}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`, text, takes };
  statements.set(key, made);
  return { statement: made, foldValues };
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function params(w: StepWrite, expectedVersion: number): unknown[] {
  return [
    w.tenantId, w.instanceId, expectedVersion, w.now, w.status, JSON.stringify(w.state), JSON.stringify(toStoredSnapshot(w.snapshot)),
    w.history.seq, w.history.hash, w.completeTask?.id ?? null, w.completeTask?.by ?? null, w.completeTask?.outcome ?? null,
    w.completeTask?.comment ?? null, w.closeStates, JSON.stringify(w.openTasks), w.cancelTimerKeys, JSON.stringify(w.newTimers),
    w.firedTimerId ?? null, w.closeAll, w.history.type, w.history.actorJson, w.history.payloadJson,
    w.history.prevHash, JSON.stringify('replace' in w.data ? [w.data.replace] : w.data.merge), w.subject == null ? null : JSON.stringify(w.subject),
  ];
}

/** Runs a step statement with the step's parameters it takes and the folds' after them. */
async function runStep(db: Pool | PoolClient, kind: 'step' | 'first', w: StepWrite, all: unknown[], folds: FoldedWrite[]): Promise<WrittenRow | undefined> {
  const { statement, foldValues } = stepStatement(kind, w, folds);
  const values = statement.takes.map((n) => all[n - 1]);
  const { rows: [row] } = await db.query<WrittenRow>({ name: statement.name, text: statement.text, values: [...values, ...foldValues] });
  return row;
}

/**
 * Writes a step for an existing instance when its version still is `expectedVersion`, with the
 * folded domain effects in the same statement. Returns the new version, or null when another step
 * won the race (nothing was written). A folded effect whose condition fails throws a database
 * error with code FOLD_REFUSED (nothing was written).
 */
export async function writeStep(db: Pool | PoolClient, write: StepWrite, expectedVersion: number, folds: FoldedWrite[] = []): Promise<WrittenStep | null> {
  const row = await runStep(db, 'step', write, params(write, expectedVersion), folds);
  return row?.version == null ? null : { version: row.version, messages: row.messages ?? [] };
}

/** The final row of a step statement. */
interface WrittenRow {
  version: number | null;
  messages: MessageWrittenInStep[] | null;
}

/** Writes the first step of a new instance (the instance row, its tasks, timers and history, and the folded effects). */
export async function writeFirstStep(db: Pool | PoolClient, write: StepWrite, instance: NewInstanceRow, folds: FoldedWrite[] = []): Promise<WrittenStep> {
  const all = [...params(write, 1), instance.definitionId, instance.definitionKey, instance.definitionVersion,
    instance.orgUnitId, instance.orgPath, instance.title, instance.createdBy, instance.receiptYear];
  const row = await runStep(db, 'first', write, all, folds);
  return { version: row!.version!, messages: row!.messages ?? [] };
}
