import type { WorkCalendar } from '../engine';
import type { PoolClient } from 'pg';

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

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  uuid(): string;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
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
}

/**
 * Writes one domain effect (`publishNotice`, `writeRecord`, …) inside the step's transaction.
 * A handler that throws rolls the whole step back.
 */
export type ActionHandler = (client: PoolClient, params: Record<string, unknown>, context: ActionContext) => Promise<void>;

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
