import type { Outcome, Task } from '../../contract';

/** A task outcome as the API shows it: the contract's `Outcome`. */
export type OutcomeView = Outcome;

/** A task as DESIGN.md ("Shapes") defines it: the contract's `Task`. */
export type TaskView = Task;

/** The columns {@link toTaskView} reads; `t` is tasks. Assignee and org unit names come from small lookups. */
export const TASK_VIEW_COLUMNS = `t.id, t.instance_id, t.definition_key, t.definition_version, t.state, t.title, t.form_key, t.outcomes,
  t.candidate_roles, t.org_unit_id, t.org_path, t.status, t.due_at, t.created_at,
  (SELECT username FROM users WHERE id = t.assignee) AS assignee_username,
  (SELECT name FROM org_units WHERE id = t.org_unit_id) AS org_unit_name`;

const KIND_ORDER = { forward: 0, return: 1, reject: 2 } as const;

function labelOf(label: unknown): { zh: string; en: string } {
  if (typeof label === 'string') return { zh: label, en: label };
  const l = (label ?? {}) as { zh?: string; en?: string };
  return { zh: l.zh ?? l.en ?? '', en: l.en ?? l.zh ?? '' };
}

/** Outcomes with the forward one first (approve / pass / submit), then returns, then rejections. */
export function toOutcomeViews(outcomes: unknown): OutcomeView[] {
  const list = Array.isArray(outcomes) ? outcomes as Array<{ event: string; label: unknown; kind?: OutcomeView['kind'] }> : [];
  return list
    .map((o, index) => ({ o, index }))
    .sort((a, b) => KIND_ORDER[a.o.kind ?? 'forward'] - KIND_ORDER[b.o.kind ?? 'forward'] || a.index - b.index)
    .map(({ o }) => {
      const label = labelOf(o.label);
      return { event: o.event, label: label.zh, labelEn: label.en, kind: o.kind ?? 'forward' };
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
}

/** Builds the API's task from a row selected with {@link TASK_VIEW_COLUMNS}. */
export function toTaskView(row: TaskViewRow): TaskView {
  const title = labelOf(row.title);
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
  };
}
