/** The inbox and the work on one task: `/api/tasks…`. */

import type { Subject } from './common';

export type OutcomeKind = 'forward' | 'return' | 'reject';

/** A task outcome as the API shows it: the zh label, the English one beside it, and its kind. */
export interface Outcome {
  event: string;
  label: string;
  labelEn: string;
  /** `forward` moves the case on; `return` and `reject` need a comment. */
  kind: OutcomeKind;
  /** `shared`: a roster may be completed at once with one form filled once (the definition says so). */
  batch?: 'shared';
}

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

/** A task as DESIGN.md ("Shapes") defines it, with English labels beside the zh ones. */
export interface Task {
  id: string;
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  state: string;
  title: string;
  titleEn: string;
  formKey: string;
  /** The forward outcome (approve / pass / submit) first. */
  outcomes: Outcome[];
  candidateRoles: string[];
  orgUnitId: string;
  orgUnitName: string | null;
  /** The claimant's username; null while unclaimed. */
  assignee: string | null;
  status: TaskStatus;
  dueAt: string | null;
  createdAt: string;
  /** What the case is about (null until its first form names it). */
  subject: Subject | null;
  /** The case's 受理编号, e.g. `441424-2026-000123`. */
  receiptNo: string | null;
  /** Whole days (China calendar) from the server's today to the due date; negative when overdue. */
  daysLeft: number | null;
  /** `dueSoon` with two days or fewer left, `overdue` past the due time, by the server's clock. */
  dueStatus: DueStatus | null;
  /** `GET /api/tasks/:id` of a task still to be done: what its form opens with, carried forward from earlier steps (`meta.task.prefill`). */
  prefill?: Record<string, unknown>;
}

/** How a task's deadline stands by the server's clock. */
export type DueStatus = 'ok' | 'dueSoon' | 'overdue';


/** `GET /api/tasks`: the tasks the caller may act on. */
export interface InboxQuery {
  status?: 'open' | 'claimed' | '';
  definitionKey?: string;
  orgUnit?: string;
  state?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  mine?: boolean;
  unclaimed?: boolean;
  /** A name (or part of it), an ID tail or a 受理编号. */
  q?: string;
  sort?: 'dueAt' | 'createdAt';
  page?: number;
  pageSize?: number;
}

/** An inbox filter a user saved under a name: `GET|POST /api/inbox/filters`, `DELETE /api/inbox/filters/:id`. */
export interface SavedFilter {
  id: string;
  name: string;
  query: InboxQuery;
  createdAt: string;
}

/** The answer of `GET /api/tasks`. */
export interface InboxPage {
  items: Task[];
  total: number;
  page: number;
  pageSize: number;
  /** Tasks per state under every filter but `state`, so the state chips show what each would list. */
  counts: Record<string, number>;
  /** True when a count reached the cap: `total` and `counts` are then lower bounds ("10000+"). */
  totalCapped: boolean;
}

/** `POST /api/tasks/:id/complete`; the answer is the instance. */
export interface CompleteTaskRequest {
  outcome: string;
  data: Record<string, unknown>;
  comment: string;
}

/** `POST /api/tasks/batch-complete`: one outcome for a roster of tasks. */
export interface BatchCompleteRequest {
  taskIds: string[];
  outcome: string;
  comment?: string;
  /** The same data for every task, when the step's form asks for any. */
  data?: Record<string, unknown>;
}

/** One task's result in a batch: each task succeeds or fails on its own. */
export interface BatchResult {
  taskId: string;
  ok: boolean;
  status?: number;
  error?: { code: string; message: string };
}

export interface BatchCompleteAnswer {
  results: BatchResult[];
}

