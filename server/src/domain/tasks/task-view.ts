import { DAY_MS, CST_OFFSET_MS } from '../../kernel';
import type { DueStatus, Outcome, Subject, Task } from '../../contract';

/** A task outcome as the API shows it: the contract's `Outcome`. */
export type OutcomeView = Outcome;

/** A task as DESIGN.md ("Shapes") defines it: the contract's `Task`. */
export type TaskView = Task;

/** The columns {@link toTaskView} reads; `t` is tasks. Assignee and org unit names come from small lookups. */
export const TASK_VIEW_COLUMNS = `t.id, t.instance_id, t.definition_key, t.definition_version, t.state, t.title, t.form_key, t.outcomes,
  t.candidate_roles, t.org_unit_id, t.org_path, t.status, t.due_at, t.created_at, t.subject, t.receipt_no,
  (SELECT username FROM users WHERE id = t.assignee) AS assignee_username,
  (SELECT name FROM org_units WHERE id = t.org_unit_id) AS org_unit_name`;

const KIND_ORDER = { forward: 0, return: 1, reject: 2 } as const;

/** A definition's label (a string, or `{ zh, en }`) as both languages. */
export function labelOf(label: unknown): { zh: string; en: string } {
  if (typeof label === 'string') return { zh: label, en: label };
  const l = (label ?? {}) as { zh?: string; en?: string };
  return { zh: l.zh ?? l.en ?? '', en: l.en ?? l.zh ?? '' };
}

/** Outcomes with the forward one first (approve / pass / submit), then returns, then rejections. */
export function toOutcomeViews(outcomes: unknown): OutcomeView[] {
  const list = Array.isArray(outcomes) ? outcomes as Array<{ event: string; label: unknown; kind?: OutcomeView['kind']; batch?: unknown }> : [];
  return list
    .map((o, index) => ({ o, index }))
    .sort((a, b) => KIND_ORDER[a.o.kind ?? 'forward'] - KIND_ORDER[b.o.kind ?? 'forward'] || a.index - b.index)
    .map(({ o }) => {
      const label = labelOf(o.label);
      return { event: o.event, label: label.zh, labelEn: label.en, kind: o.kind ?? 'forward', ...(o.batch === 'shared' ? { batch: 'shared' as const } : {}) };
    });
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value == null ? null : String(value));

/** A task row as {@link TASK_VIEW_COLUMNS} selects it. */
export interface TaskViewRow {
  id: string;
  instance_id: string;
  definition_key: string;
  definition_version: number;
  state: string;
  title: unknown;
  form_key: string;
  outcomes: unknown;
  candidate_roles: string[];
  org_unit_id: string;
  org_path: string;
  status: TaskView['status'];
  due_at: Date | null;
  created_at: Date;
  assignee_username: string | null;
  org_unit_name: string | null;
  subject: Subject | null;
  receipt_no: string | null;
}

/** Days left at or below which an open task is due soon (amber in the inbox). */
export const DUE_SOON_DAYS = 2;

const chinaDay = (at: Date) => Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);

/**
 * How a deadline stands by the server's clock: whole China-calendar days from today to the due
 * day (negative once passed) and whether it is due soon or overdue (past the due time itself).
 * @example deadlineOf(new Date('2026-03-03T10:00:00Z'), new Date('2026-03-01T10:00:00Z')) // { daysLeft: 2, dueStatus: 'dueSoon' }
 */
export function deadlineOf(dueAt: Date | null, now: Date): { daysLeft: number | null; dueStatus: DueStatus | null } {
  if (!dueAt) return { daysLeft: null, dueStatus: null };
  const daysLeft = chinaDay(dueAt) - chinaDay(now);
  const dueStatus: DueStatus = dueAt.getTime() < now.getTime() ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : 'ok';
  return { daysLeft, dueStatus };
}

/**
 * Builds the API's task from a row selected with {@link TASK_VIEW_COLUMNS}; `now` (the server's
 * clock) gives an open task its days left.
 */
export function toTaskView(row: TaskViewRow, now?: Date): TaskView {
  const title = labelOf(row.title);
  const active = row.status === 'open' || row.status === 'claimed';
  const deadline = now && active ? deadlineOf(row.due_at, now) : { daysLeft: null, dueStatus: null };
  return {
    id: row.id,
    instanceId: row.instance_id,
    definitionKey: row.definition_key,
    definitionVersion: row.definition_version,
    state: row.state,
    title: title.zh,
    titleEn: title.en,
    formKey: row.form_key,
    outcomes: toOutcomeViews(row.outcomes),
    candidateRoles: row.candidate_roles,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name ?? null,
    assignee: row.assignee_username ?? null,
    status: row.status,
    dueAt: iso(row.due_at),
    createdAt: iso(row.created_at) ?? '',
    subject: row.subject ?? null,
    receiptNo: row.receipt_no ?? null,
    ...deadline,
  };
}
