import type { WorkCalendar } from '../engine';
import type { ActionHandler, Clock, FormChecker, IdGenerator, Logger, RuntimeMetrics, TimerQueue } from '../kernel';
import type { ChangeSignal } from '../store/change-signal';
import type { Database } from '../store/database';
import type { DefinitionCatalog } from './definition-catalog';
import type { NotificationDispatcher } from './notification-dispatcher';
import type { SnapshotMemory } from './snapshot-memory';

/** One connection inside an open transaction, as `Database.transaction` hands it to its work. */
export type TxClient = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What every use case of the runtime is given (built once by the composition root). */
export interface RuntimeDeps {
  db: Database;
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  calendar: WorkCalendar;
  catalog: DefinitionCatalog;
  forms: FormChecker;
  /** The county's configuration of a year (county-config.json): lines, limits and owners the use cases apply. */
  configForYear: (year: number) => Record<string, unknown>;
  /** Domain effects by action type (`publishNotice`, `writeRecord`, …), run inside the step's transaction. */
  actionHandlers: Record<string, ActionHandler<TxClient>>;
  /** Where timers go after commit; without one, timers fire only through `fireDueTimers`. */
  timerQueue?: TimerQueue;
  /**
   * How far ahead the queue holds timers (default TIMER_QUEUE_HORIZON_MS): a step hands over the
   * timers due within it, and the periodic sweep, which runs at least twice in that time, hands
   * over the others as they come within it.
   */
  timerHorizonMs?: number;
  /** Hands the notifications a step wrote over after commit: delivered at once or by the job queue (the sweep catches what it misses). */
  notifications?: Pick<NotificationDispatcher, 'handsOver' | 'dispatch' | 'deliversInStep' | 'deliveredInStep'>;
  /** Where steps, timers and use-case times are counted (GET /metrics); none by default. */
  metrics?: RuntimeMetrics;
  /** The snapshots of the cases this node stepped last, which a step's read need not fetch again; none by default. */
  snapshots?: SnapshotMemory;
  /** Told of a committed change of a user or an org unit, so this node's next request reads its sessions (which name them) afresh; none by default. */
  sessionChanges?: Pick<ChangeSignal, 'moved'>;
}

/** What a committed step answers. */
export interface StepOutcome {
  instanceId: string;
  /** The definition version the instance is pinned to after the step. */
  definitionKey: string;
  definitionVersion: number;
  version: number;
  state: unknown;
  status: 'running' | 'completed';
  /** Tasks this step opened (title and outcomes as the definition has them), so a caller can go on without another read. */
  openedTasks: Array<{ id: string; state: string; formKey: string; title: unknown; outcomes: unknown; orgUnitId: string; dueAt: Date | null }>;
}
