/** Instances (cases): `/api/instances…`. */
import type { Bilingual, LocalizedText, Subject } from './common';
import type { Task } from './tasks';

/** XState's state value: `"verification"` or `{ publicNotice: "running" }`. */
export type StateValue = string | { [region: string]: StateValue };

export type InstanceStatus = 'running' | 'completed' | 'terminated';

/** Who acted, as history records it; null for what the system did (timers). */
export interface HistoryActor {
  userId?: string;
  username: string;
  displayName: string;
  roles?: string[];
  orgUnitId?: string;
}

/** What a history event carries; personal numbers in `data` are masked like the instance's data. */
export interface HistoryPayload {
  state?: string;
  outcome?: string;
  comment?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One event of an instance's append-only history; `hash` chains it to the previous one. */
export interface HistoryEvent {
  seq: number;
  at: string;
  type: string;
  actor: HistoryActor | null;
  payload: HistoryPayload;
  hash: string;
}

export interface TimerView {
  id: string;
  key: string;
  eventType: string;
  fireAt: string;
  status: string;
}

/** A household application's ID numbers checked against the registry and the county's open cases. */
export interface DuplicateCheck {
  checked: number;
  conflicts: Array<{ field: string; message: string }>;
}

/** An instance as DESIGN.md ("Shapes") defines it. */
export interface Instance {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  title: string | null;
  state: StateValue;
  status: InstanceStatus;
  orgUnitId: string;
  orgUnitName: string | null;
  data: Record<string, unknown>;
  tasks: Task[];
  timers: TimerView[];
  history: HistoryEvent[];
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** What the case is about (null until its first form names it). */
  subject: Subject | null;
  /** 受理编号: county code, year, sequence. */
  receiptNo: string | null;
  /** Only for a household application. */
  duplicateCheck?: DuplicateCheck;
}

/**
 * The answer to a completion sent with `Prefer: return=minimal` (RFC 7240): where the step left the
 * case and the tasks it opened, without the case's data and history. The web client sends it: it goes
 * back to the inbox after a completion, and a phone on a weak connection need not download the case.
 */
export interface StepSummary {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  state: StateValue;
  status: InstanceStatus;
  openedTasks: OpenedTask[];
}

/**
 * A task a step opened, as its summary names it: enough to go on to it (open its form, claim it,
 * offer its outcomes) without reading the case.
 */
export type OpenedTask = Pick<Task, 'id' | 'state' | 'formKey' | 'title' | 'titleEn' | 'outcomes' | 'status' | 'orgUnitId' | 'dueAt'>;

/** A row of `GET /api/instances`. */
export type InstanceSummary = Pick<Instance, 'id' | 'definitionKey' | 'definitionVersion' | 'title' | 'state' | 'status' | 'orgUnitId' | 'orgUnitName' | 'createdAt' | 'updatedAt' | 'subject' | 'receiptNo' | 'endedAt'> & {
  /** The steps open now (where the case is): each one's title, the unit that holds it and when it is due. */
  currentSteps: CurrentStep[];
};

/** A step a case waits on (`InstanceSummary.currentSteps`). */
export interface CurrentStep {
  title: LocalizedText;
  orgUnitName: string | null;
  dueAt: string | null;
}

/** `POST /api/instances`: when the first state is a task, it opens for the starter. */
export interface StartInstanceRequest {
  definitionKey: string;
  data?: Record<string, unknown>;
}

/** Why a history chain is broken: a stable code the API and the audit page translate. */
export type ChainBreak = 'missing' | 'duplicate' | 'reordered' | 'relinked' | 'edited' | 'truncated' | 'head_mismatch';

/** `GET /api/instances/:id/verify`: the case's history hash chain, re-computed from the stored rows. */
export interface HistoryVerification {
  ok: boolean;
  /** Events stored for the instance. */
  events: number;
  /** Seq of the first event that is missing, edited or out of place, when `ok` is false. */
  brokenAt?: number;
  kind?: ChainBreak;
  /** What was found, in Chinese and in English. */
  reason?: Bilingual;
}
