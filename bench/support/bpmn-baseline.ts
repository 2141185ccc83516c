/**
 * The second baseline the engine is measured against: bpmn-engine 25 driving the household path's
 * shape (seven user tasks and the notice period's timer), its state persisted per step on the same
 * PostgreSQL, as an application built on it would keep a case between requests:
 *
 *   BEGIN; SELECT state FROM bench_bpmn_cases WHERE id = $1 FOR UPDATE;
 *   (recover the engine from the state, resume it, signal the waiting user task with the step's
 *   form data, or fire the timer; take the state) UPDATE bench_bpmn_cases SET state = …; COMMIT;
 *
 * A case starts by running the process from its XML and inserting the first state. There are no
 * tasks, history, checks or domain records: only the process state, which carries each step's
 * form data as the signalled task's output.
 *
 * Timers run on a clock of their own: the notice period's timer is registered but never armed,
 * and its step calls the timer's callback, as the timer would when due.
 */
import { randomUUID } from 'node:crypto';
import { Timers } from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import type { Pool } from 'pg';
import type { Database } from '../../server/src/store/database';
import { HOUSEHOLD_PATH } from './drive';
import type { Application } from './drive';
import { applicationWithMembers } from './household-forms';

/** The task each outcome of the household path completes, in order (TIMER: the notice period). */
const TASKS = ['application', 'verification', 'villagerAppraisal', 'posting', 'noticePeriod', 'preliminaryOpinion', 'townReview', 'countyApproval'] as const;
const FORMS: Record<string, string> = {
  application: 'application', verification: 'verification', villagerAppraisal: 'villagerAppraisal', posting: 'publicNotice',
  preliminaryOpinion: 'preliminaryOpinion', townReview: 'townReview', countyApproval: 'countyApproval',
};

const userTask = (id: string, next: string) => `
    <userTask id="${id}" />
    <sequenceFlow id="to-${next}" sourceRef="${id}" targetRef="${next}" />`;

/** The household path as BPMN: seven user tasks, the notice period's 7-day timer after the posting. */
export const HOUSEHOLD_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="household-identification" targetNamespace="urn:jingzhun:bench">
  <process id="householdIdentification" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="to-application" sourceRef="start" targetRef="application" />${userTask('application', 'verification')}${userTask('verification', 'villagerAppraisal')}${
  userTask('villagerAppraisal', 'posting')}${userTask('posting', 'noticePeriod')}
    <intermediateCatchEvent id="noticePeriod">
      <timerEventDefinition><timeDuration xsi:type="tFormalExpression">P7D</timeDuration></timerEventDefinition>
    </intermediateCatchEvent>
    <sequenceFlow id="to-preliminaryOpinion" sourceRef="noticePeriod" targetRef="preliminaryOpinion" />${
  userTask('preliminaryOpinion', 'townReview')}${userTask('townReview', 'countyApproval')}${userTask('countyApproval', 'registered')}
    <endEvent id="registered" />
  </process>
</definitions>`;

/** Timers that are registered but never armed: a test clock's, fired by `fireDue`. */
function heldTimers() {
  const timers = new Timers({ setTimeout: (() => undefined) as unknown as typeof setTimeout, clearTimeout: () => undefined });
  return {
    timers,
    /** Calls the callback of the one timer waiting, as its expiry would. */
    fireDue() {
      const [due] = (timers.executing ?? []) as unknown as Array<{ callback: (...args: unknown[]) => void; args: unknown[] }>;
      if (!due) throw new Error('bpmn-engine: no timer is waiting');
      timers.clearTimeout(due);
      due.callback(...due.args);
    },
  };
}

/** Creates the baseline's table (one row per case: its engine state). */
export async function createBpmnTable(pool: Pool): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bpmn_cases (
    id uuid PRIMARY KEY, state jsonb NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL)`);
}

/** Where the baseline keeps its cases: a pool and transactions on it (the app's database handle). */
export type BpmnDatabase = Pick<Database, 'pool' | 'transaction'>;

/** Starts a case: runs the process up to its first user task and inserts its state. */
export async function bpmnStart(pool: Pool): Promise<string> {
  const id = randomUUID();
  const { timers } = heldTimers();
  const engine = new Engine({ name: id, source: HOUSEHOLD_BPMN, timers });
  await engine.execute();
  const state = await engine.getState();
  await engine.stop();
  await pool.query('INSERT INTO bench_bpmn_cases (id, state, version, updated_at) VALUES ($1, $2, 1, now())', [id, JSON.stringify(state)]);
  return id;
}

/** One step: recover the case's engine, signal `task` with `data` (or fire the waiting timer), persist the state. */
export async function bpmnStep(db: BpmnDatabase, id: string, task: string, data?: unknown): Promise<void> {
  await db.transaction(async (client) => {
    const { rows: [row] } = await client.query('SELECT state, version FROM bench_bpmn_cases WHERE id = $1 FOR UPDATE', [id]);
    const held = heldTimers();
    const engine = new Engine({ name: id, timers: held.timers }).recover(row.state);
    const execution = await engine.resume();
    if (task === 'noticePeriod') {
      held.fireDue();
    } else {
      const waiting = execution.getPostponed().map((api) => api.id);
      if (!waiting.includes(task)) throw new Error(`bpmn-engine case ${id}: ${task} is not waiting (waiting: ${waiting.join(', ') || 'nothing'})`);
      execution.signal({ id: task, form: data });
    }
    const state = await engine.getState();
    // stop() of an engine whose process has ended waits for ever; a running one it stops.
    if (state.state === 'running') await engine.stop();
    await client.query('UPDATE bench_bpmn_cases SET state = $2, version = $3, updated_at = now() WHERE id = $1', [id, JSON.stringify(state), row.version + 1]);
  });
}

/** Whether the case's process has ended. */
export async function bpmnEnded(pool: Pool, id: string): Promise<boolean> {
  const { rows: [row] } = await pool.query("SELECT state ->> 'state' AS state FROM bench_bpmn_cases WHERE id = $1", [id]);
  return row?.state === 'idle';
}

/**
 * One household case through bpmn-engine: the start, the path's seven task steps with the forms'
 * examples (the application with `members` members) and the notice period's timer. Answers the steps it took.
 */
export function bpmnCaseDriver(db: BpmnDatabase, application: Application, examples: Map<string, unknown>, members: number) {
  if (TASKS.length !== HOUSEHOLD_PATH.length) throw new Error('the BPMN shape and the household path disagree');
  return async (): Promise<number> => {
    const id = await bpmnStart(db.pool);
    for (const task of TASKS) {
      const data = task === 'application' ? applicationWithMembers(application, members)
        : task === 'noticePeriod' ? undefined : examples.get(`household-identification.${FORMS[task]}`);
      await bpmnStep(db, id, task, data);
    }
    if (!await bpmnEnded(db.pool, id)) throw new Error(`bpmn-engine case ${id} did not end`);
    return TASKS.length + 1;
  };
}
