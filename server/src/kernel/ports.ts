import type { DelaySpec } from './duration';

/** The runtime's view of who acts: a user with roles bound to an org unit, or the system. */
export interface Actor {
  userId: string | null;
  username: string;
  displayName?: string;
  roles: string[];
  orgUnitId: string;
  /** Materialised org path, e.g. `441424/441424130/441424130201`. */
  orgPath: string;
}

/** The actor the runtime uses for timers and internal signals. */
export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', displayName: '系统', roles: [], orgUnitId: '', orgPath: '' };

/** The actor of what an anonymous member of the public does (an objection to a notice). */
export const PUBLIC_ACTOR: Actor = { userId: null, username: 'public', displayName: '公众', roles: [], orgUnitId: '', orgPath: '' };

/** Where time comes from: injected so tests and the test-mode HTTP clock can move it. */
/** What the HTTP layer may know of the process's life: readiness fails while it drains. */
export interface Lifecycle {
  readonly draining: boolean;
}

export interface Clock {
  now(): Date;
}

/** Where ids come from: injected so tests can make them predictable. */
export interface IdGenerator {
  uuid(): string;
}

/** Structured logging: one message and its fields per event. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Adds delays to instants, counting calendar or working days in China Standard Time (implemented by the engine). */
export interface WorkCalendar {
  addDelay(from: Date, spec: DelaySpec): Date;
  isWorkday(localDate: string): boolean;
}

/** A query's answer as the runtime and domain handlers read it. */
export interface QueryResultRows<Row> {
  rows: Row[];
  rowCount: number | null;
}

/**
 * The smallest view of a database connection inside a transaction: what a domain handler needs to
 * write its rows. Kept structural so the kernel names no driver; node-postgres' `PoolClient` fits it.
 */
export interface QueryClient {
  query<Row = Record<string, unknown>>(text: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<QueryResultRows<Row>>;
}

/** What a domain action handler is told about the step it runs in. */
export interface ActionContext {
  tenantId: string;
  instanceId: string;
  definitionKey: string;
  orgUnitId: string;
  orgPath: string;
  /** The active state after the step (for notices: which state published). */
  states: string[];
  data: Record<string, unknown>;
  now: Date;
  actor: Actor;
  uuid(): string;
  configForYear(year: number): Record<string, unknown>;
  year: number;
  /** The calendar the step's timers use, so a notice ends when its timer fires. */
  calendar: WorkCalendar;
  /** The timers the step schedules (a notice's posting ends when its period's timer fires); none when absent. */
  scheduled?: ReadonlyArray<{ eventType: string; fireAt: Date }>;
}

/**
 * One part of a domain effect written by the step's own statement: a data-modifying common table
 * expression that runs only when the step's optimistic write did (it joins the step's written
 * instance row, `u`). Its parameters are numbered `$1…$n` within `sql`; `{0}`, `{1}`… name the
 * effect's earlier parts. The statement is prepared once per combination of shapes.
 */
export interface FoldedWritePart {
  /** A stable name of the SQL text (the statement's cache key); the same shape always has the same `sql`. */
  shape: string;
  sql: string;
  values: unknown[];
  /**
   * A condition (same parameters and part names) that must hold once the parts ran; when it does
   * not, the whole statement is refused and nothing is written: the step then runs the handler in a
   * transaction, which says why (or succeeds when what stood in the way went meanwhile).
   */
  holds?: string;
}

/** The tables a folded effect writes, so two effects on one table in one step are not folded (one statement sees one snapshot). */
export interface FoldedWrite {
  tables: string[];
  parts: FoldedWritePart[];
}

/**
 * Writes one domain effect (`publishNotice`, `writeRecord`, …) inside the step's transaction.
 * A handler that throws rolls the whole step back. `fold`, where given, writes the same rows as
 * part of the step's one statement (undefined when this call cannot be).
 */
export type ActionHandler<Client = QueryClient> = {
  (client: Client, params: Record<string, unknown>, context: ActionContext): Promise<void>;
  fold?: (params: Record<string, unknown>, context: ActionContext) => FoldedWrite | undefined;
};

/** Hands timers to the job queue after commit; the queue calls back with the timer id. */
export interface TimerQueue {
  enqueue(timers: ReadonlyArray<{ id: string; fireAt: Date }>, now: Date): Promise<void>;
  close(): Promise<void>;
}

/** A form version as stored: its JSON Schema and uiSchema. */
export interface StoredForm {
  key: string;
  version: number;
  title: { zh: string; en?: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** The shared form validator (server/src/forms), as the runtime uses it. */
export interface FormChecker {
  validate(form: StoredForm, data: unknown, locale?: 'zh-CN' | 'en'): { valid: boolean; fields: Record<string, string[]>; data: unknown };
}

/**
 * What the runtime reports as it works, for the operator's metrics (GET /metrics). Calls are
 * cheap and never throw; the composition root binds them to Prometheus.
 */
export interface RuntimeMetrics {
  /** A step reached its commit: written, lost the race (conflict), or failed (rolled back). */
  stepCommitted(step: { definitionKey: string; kind: string; outcome: 'committed' | 'conflict' | 'failed'; seconds: number }): void;
  /** A use case ended (start, complete, event, timer…), with its wall time. */
  useCaseEnded(useCase: string, outcome: 'ok' | 'error', seconds: number): void;
  /** Timers written by committed steps. */
  timersScheduled(count: number): void;
  /** A timer's delivery, and for a fired one how late it fired by the workflow clock. */
  timerDelivered(outcome: 'fired' | 'skipped' | 'not_due', lateSeconds?: number): void;
}

/** Metrics that go nowhere (tests, CLIs). */
export const noMetrics: RuntimeMetrics = {
  stepCommitted: () => undefined, useCaseEnded: () => undefined, timersScheduled: () => undefined, timerDelivered: () => undefined,
};
