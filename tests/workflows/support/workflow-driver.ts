import { createActionHandlers } from '../../../server/src/domain/action-handlers';
import { createRecordWriters } from '../../../server/src/domain/records';
import { createWorkCalendar } from '../../../server/src/engine';
import { createFormValidator } from '../../../server/src/forms';
import { createRuntime } from '../../../server/src/runtime';
import type { Runtime } from '../../../server/src/runtime';
import type { Actor } from '../../../server/src/kernel';
import { uploadEvidence } from '../../support/evidence-uploads';
import { exampleDataFor } from '../../support/form-examples';
import { startTestServices } from '../../support/test-services';
import type { TestServices } from '../../support/test-services';

/** The demo user who acts for each role in these tests (华城镇 董源村 and the county). */
const USER_FOR_ROLE: Record<string, string> = {
  village_clerk: 'cun-dongyuan', village_work_team: 'cun-dongyuan', town_reviewer: 'zhen-huacheng', county_reviewer: 'xian', inspector: 'ducha', department_officer: 'bm-zhujian',
};

export interface OpenTask {
  id: string;
  state: string;
  form_key: string;
  candidate_roles: string[];
  org_unit_id: string;
  due_at: Date | null;
}

/**
 * Services on a private database plus a runtime whose `writeRecord` knows the domain record
 * writers, composed the way `startServices` composes its own.
 */
export interface WorkflowDriver {
  services: TestServices & { dropDatabase(): Promise<void> };
  runtime: Runtime;
  close(): Promise<void>;
  actor(username: string): Promise<Actor>;
  start(definitionKey: string, options?: { as?: string; orgUnitId?: string }): Promise<string>;
  openTask(instanceId: string): Promise<OpenTask>;
  /**
   * Completes the one open task with `outcome`; data is the form's example with `patch` applied, or
   * `data`; the example's file fields get files the acting user uploads for the case first.
   */
  act(instanceId: string, outcome: string, options?: { patch?: Record<string, unknown>; data?: unknown; comment?: string; as?: string }): Promise<void>;
  /** Sends a signal such as OBJECTION to the instance. */
  signal(instanceId: string, type: string, data?: unknown): Promise<void>;
  /** Moves the clock by `period` and fires what is due; returns how many timers fired. */
  elapse(period: string): Promise<number>;
  instance(instanceId: string): Promise<{ state: unknown; status: string; data: Record<string, any> }>;
  query<T = any>(text: string, values?: unknown[]): Promise<T[]>;
}

/** Deep-merges `patch` into `base` (objects merge, everything else replaces). */
export function withPatch<T>(base: T, patch: Record<string, unknown> = {}): T {
  const out: any = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object'
      ? withPatch(out[key], value as Record<string, unknown>) : value;
  }
  return out;
}

export async function startWorkflowDriver(options: { start?: Date } = {}): Promise<WorkflowDriver> {
  const services = await startTestServices();
  if (options.start) services.clock.set(options.start);
  const runtime = createRuntime({
    db: services.db, tenantId: services.config.tenantId, clock: services.clock, ids: services.ids, logger: services.logger,
    calendar: createWorkCalendar(services.county.calendar), catalog: services.catalog, forms: createFormValidator(), configForYear: services.configForYear,
    actionHandlers: createActionHandlers(createRecordWriters()),
  });
  const query = async (text: string, values: unknown[] = []) => (await services.db.pool.query(text, values)).rows;

  const driver: WorkflowDriver = {
    services, runtime, query,
    actor: (username) => services.actor(username),
    async close() { await services.close(); await services.dropDatabase(); },
    async start(definitionKey, { as = 'cun-dongyuan', orgUnitId } = {}) {
      const { instanceId } = await runtime.startInstance({ definitionKey, actor: await services.actor(as), orgUnitId });
      return instanceId;
    },
    async openTask(instanceId) {
      const rows = await query(
        `SELECT id, state, form_key, candidate_roles, org_unit_id, due_at FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [instanceId]);
      if (rows.length !== 1) throw new Error(`expected one open task for ${instanceId}, found ${rows.length}: ${rows.map((r) => r.state).join(', ')}`);
      return rows[0];
    },
    async act(instanceId, outcome, { patch, data, comment = '同意', as } = {}) {
      const task = await driver.openTask(instanceId);
      const actor = await services.actor(as ?? USER_FOR_ROLE[task.candidate_roles[0]]);
      const filled = await uploadEvidence(task.form_key, data ?? withPatch(exampleDataFor(task.form_key), patch), { services, actor, instanceId });
      await runtime.completeTask({ taskId: task.id, outcome, actor, comment, data: filled });
    },
    async signal(instanceId, type, data = { content: '群众反映情况与公示内容不符，请核实。', anonymous: true }) {
      await runtime.sendEvent({ instanceId, event: { type, data }, actor: await services.actor('ducha') });
    },
    async elapse(period) {
      services.clock.advance(period);
      return runtime.fireDueTimers();
    },
    async instance(instanceId) {
      const [row] = await query('SELECT state, status, data FROM instances WHERE id = $1', [instanceId]);
      return row;
    },
  };
  return driver;
}
