/**
 * The baseline the engine is measured against: XState on PostgreSQL with nothing else. The
 * household-identification machine of `workflows/` is run through xstate's pure `transition()`
 * directly, and each step is the straightforward transaction one would write by hand:
 *
 *   BEGIN; SELECT … FROM instances WHERE id = $1 FOR UPDATE; (restore the snapshot, transition)
 *   UPDATE instances SET snapshot = …; UPDATE tasks SET status = 'completed' (the open one);
 *   INSERT INTO tasks (the next one); INSERT INTO history (one row); COMMIT;
 *
 * No form validation, no org-scope or role checks, no timer rows (the delayed event is sent as
 * the next step), no domain records (notices, ID-number claims, the registry). Rows go into the
 * engine's own tables, with the same columns the engine fills.
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonLogic from 'json-logic-js';
import type { Pool } from 'pg';
import { assign, createActor, initialTransition, setup, transition } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { HOUSEHOLD_PATH } from './drive';
import type { Application } from './drive';
import { applicationWithMembers } from './household-forms';

type Json = Record<string, any>;

/** An event of the household path: the outcome, the task state it completes and the form data it carries. */
export interface BareEvent {
  type: string;
  state?: string;
  data?: unknown;
}

export interface BareContext {
  pool: Pool;
  machine: AnyStateMachine;
  tenantId: string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  orgUnitId: string;
  orgPath: string;
  actor: { userId: string; username: string };
}

/** Appends the `record` action (keep the event's form data in the context) to every event transition. */
function withRecording(node: Json): Json {
  const copy: Json = { ...node };
  if (node.on) {
    copy.on = Object.fromEntries(Object.entries(node.on).map(([event, spec]) => {
      const list = Array.isArray(spec) ? spec : [spec];
      const recorded = list.map((t: any) => (typeof t === 'string'
        ? { target: t, actions: ['record'] }
        : { ...t, actions: [...(t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions]), 'record'] }));
      return [event, Array.isArray(spec) ? recorded : recorded[0]];
    }));
  }
  if (node.states) copy.states = Object.fromEntries(Object.entries(node.states).map(([k, v]) => [k, withRecording(v as Json)]));
  return copy;
}

/**
 * The definition's machine as plain XState: JsonLogic guards, named effect actions as no-ops,
 * `$name` delays as the county's notice period, and each event's data kept in `context.data`.
 */
/** Sets a dotted path in a copy of `target` (what the engine's setData does). */
function setPath(target: Json, path: string, value: unknown): Json {
  const [head, ...rest] = path.split('.');
  return { ...target, [head]: rest.length ? setPath(target[head] ?? {}, rest.join('.'), value) : value };
}

export function createBareMachine(document: Json, noticeDays = 7, entryIncome = 4000): AnyStateMachine {
  const settings = document.settings ?? {};
  const noop = () => undefined;
  // The income line of any year, as the engine's `years` scope answers it.
  const years = new Proxy({}, { get: (_t, key) => (typeof key === 'string' && /^\d{4}$/.test(key) ? { householdEntryIncome: entryIncome } : undefined) });
  const scope = (context: any, event: any) => ({ data: context.data, event, settings, years });
  const { context: _context, ...config } = withRecording(document.machine);
  return setup({
    guards: { expr: ({ context, event }: any, params: any) => Boolean(jsonLogic.apply(params.if, scope(context, event))) },
    actions: {
      setData: assign(({ context, event }: any, params: any) => ({ data: setPath(context.data, params.path, jsonLogic.apply(params.value, scope(context, event))) })),
      record: assign(({ context, event }: any) => (event.data === undefined ? {} : { data: { ...context.data, [event.state ?? event.type]: event.data } })),
      publishNotice: noop, closeNotice: noop, writeRecord: noop, notify: noop,
    },
    delays: { $noticePeriod: noticeDays * 86_400_000 },
  } as any).createMachine({ ...(config as any), context: ({ input }: any) => ({ data: input?.data ?? {}, year: input?.year }) });
}

/** The task the snapshot waits on (state path and its `meta.task`), if any. */
function openTaskOf(machine: AnyStateMachine, snapshot: any): { state: string; task: Json } | undefined {
  for (const [id, meta] of Object.entries(snapshot.getMeta() as Record<string, Json>)) {
    if (meta?.task) return { state: id.slice(machine.id.length + 1), task: meta.task };
  }
  return undefined;
}

/** Delayed events the step scheduled (`after`), as the event to send when they are due. */
function delayedEvents(actions: any[]): string[] {
  return actions.filter((a) => a.type === 'xstate.raise' && a.params?.delay !== undefined).map((a) => a.params.event.type);
}

const INSERT_TASK = `
INSERT INTO tasks (id, tenant_id, instance_id, definition_key, definition_version, state, title, form_key, outcomes,
                   candidate_roles, org_unit_id, org_path, status, due_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', now() + interval '7 days', now())`;
const INSERT_HISTORY = `
INSERT INTO history (tenant_id, instance_id, seq, at, type, actor, payload, prev_hash, hash)
VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8)`;

function taskValues(c: BareContext, instanceId: string, open: { state: string; task: Json }) {
  return [randomUUID(), c.tenantId, instanceId, c.definitionKey, c.definitionVersion, open.state, JSON.stringify(open.task.title),
    open.task.form, JSON.stringify(open.task.outcomes), open.task.roles, c.orgUnitId, c.orgPath];
}

const chain = (prevHash: string, payload: string) => createHash('sha256').update(prevHash).update(payload).digest('hex');

export interface BareStepResult {
  instanceId: string;
  /** The event types of the delays this step scheduled. */
  delayed: string[];
  done: boolean;
}

/** Starts a case: the initial snapshot, the instance row, its first task and the first history row. */
export async function bareStart(c: BareContext): Promise<BareStepResult> {
  const [snapshot, actions] = initialTransition(c.machine, { data: {}, year: new Date().getFullYear() } as any);
  const id = randomUUID();
  const open = openTaskOf(c.machine, snapshot);
  const payload = JSON.stringify({ definitionKey: c.definitionKey, to: snapshot.value });
  const hash = chain('0'.repeat(64), payload);
  const client = await c.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO instances (id, tenant_id, definition_id, definition_key, definition_version, status, state, snapshot, data,
                              org_unit_id, org_path, version, history_seq, history_hash, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, '{}', $8, $9, 1, 1, $10, $11, now(), now())`,
      [id, c.tenantId, c.definitionId, c.definitionKey, c.definitionVersion, JSON.stringify(snapshot.value),
        JSON.stringify(c.machine.getPersistedSnapshot(snapshot)), c.orgUnitId, c.orgPath, hash, c.actor.userId]);
    if (open) await client.query(INSERT_TASK, taskValues(c, id, open));
    await client.query(INSERT_HISTORY, [c.tenantId, id, 1, 'started', JSON.stringify(c.actor), payload, '0'.repeat(64), hash]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { instanceId: id, delayed: delayedEvents(actions as any[]), done: false };
}

/** One step of a case: lock, restore, transition, write the snapshot, close a task, open the next, one history row. */
export async function bareStep(c: BareContext, instanceId: string, event: BareEvent): Promise<BareStepResult> {
  const client = await c.pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: [row] } = await client.query('SELECT snapshot, state, history_seq, history_hash FROM instances WHERE id = $1 FOR UPDATE', [instanceId]);
    const current = createActor(c.machine, { snapshot: row.snapshot }).getSnapshot();
    const [next, actions] = transition(c.machine, current, event as any);
    if (next === current || JSON.stringify(next.value) === JSON.stringify(current.value)) {
      throw new Error(`bare step: ${event.type} changed nothing in state ${JSON.stringify(current.value)}`);
    }
    const done = next.status === 'done';
    const seq = row.history_seq + 1;
    const payload = JSON.stringify({ event: event.type, state: event.state, from: row.state, to: next.value, data: event.data });
    const hash = chain(row.history_hash, payload);
    const value = JSON.stringify(next.value);
    await client.query(
      `UPDATE instances SET snapshot = $2, state = $3, status = $4, data = $5, version = version + 1, history_seq = $6, history_hash = $7,
              updated_at = now(), ended_at = CASE WHEN $4 = 'running' THEN NULL ELSE now() END
       WHERE id = $1`,
      [instanceId, JSON.stringify(c.machine.getPersistedSnapshot(next)), value, done ? 'completed' : 'running',
        JSON.stringify((next.context as any).data), seq, hash]);
    await client.query(
      `UPDATE tasks SET status = 'completed', completed_at = now(), completed_by = $2, outcome = $3
       WHERE instance_id = $1 AND status = 'open'`, [instanceId, c.actor.userId, event.type]);
    const open = openTaskOf(c.machine, next);
    if (open) await client.query(INSERT_TASK, taskValues(c, instanceId, open));
    await client.query(INSERT_HISTORY, [c.tenantId, instanceId, seq, 'task_completed', JSON.stringify(c.actor), payload, row.history_hash, hash]);
    await client.query('COMMIT');
    return { instanceId, delayed: delayedEvents(actions as any[]), done };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The bare baseline's context for the published household-identification definition `def`, acting as `clerk` in their unit. */
export function bareContextOf(pool: Pool, def: { id: string; key: string; version: number; document: Json }, tenantId: string,
  clerk: { userId?: string | null; username: string; orgUnitId: string; orgPath: string }): BareContext {
  return {
    pool, machine: createBareMachine(def.document), tenantId, definitionId: def.id, definitionKey: def.key, definitionVersion: def.version,
    orgUnitId: clerk.orgUnitId, orgPath: clerk.orgPath, actor: { userId: clerk.userId!, username: clerk.username },
  };
}

/** The task state each outcome of the household path completes (the two APPROVEs: town, then county). */
const TASK_STATES: Record<string, string> = { SUBMIT: 'application', VERIFY: 'verification', PASS: 'villagerAppraisal', POSTED: 'publicNotice.posting', FORWARD: 'preliminaryOpinion' };

/**
 * One household case through the bare baseline: the start, the path's task steps with the forms'
 * examples (the application with `members` members) and the notice period's delayed event as a
 * step of its own. Answers the steps it took.
 */
export function bareCaseDriver(bare: BareContext, application: Application, examples: Map<string, unknown>, members: number) {
  return async (): Promise<number> => {
    let step = await bareStart(bare);
    let steps = 1;
    let approvals = 0;
    for (const [outcome] of HOUSEHOLD_PATH) {
      if (outcome === 'TIMER') {
        step = await bareStep(bare, step.instanceId, { type: step.delayed[0] });
      } else {
        const state = TASK_STATES[outcome] ?? (approvals++ === 0 ? 'townReview' : 'countyApproval');
        const form = `household-identification.${state.split('.').pop() === 'posting' ? 'publicNotice' : state}`;
        const data = outcome === 'SUBMIT' ? applicationWithMembers(application, members) : examples.get(form);
        const delayed = step.delayed;
        step = await bareStep(bare, step.instanceId, { type: outcome, state, data });
        if (!step.delayed.length) step.delayed = delayed;
      }
      steps++;
    }
    if (!step.done) throw new Error(`bare case ${step.instanceId} did not finish`);
    return steps;
  };
}
