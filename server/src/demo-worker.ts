import { join } from 'node:path';
import { toActor, toSessionUser } from './auth/session-user';
import { withUploadedEvidence } from './demo-evidence';
import { createActionHandlers } from './domain/action-handlers';
import { villageGroupNames } from './domain/notices/notice-posting.writer';
import { createRecordWriters } from './domain/records';
import { createWorkCalendar } from './engine';
import { createFormValidator } from './forms';
import { loadFormsFromDir } from './forms/load-forms';
import type { Actor, ManualClock } from './kernel';
import { createRuntime } from './runtime';
import type { Services } from './services';
import { listOpenTasksForWork } from './store/tasks.repository';
import { findLoginUser } from './store/users.repository';

type Json = Record<string, unknown>;

/**
 * One step of a demo case: an outcome with what it changes in the form's example (given as a
 * function when it reads the clock at that step), or a wait that lets a notice run out.
 */
export type DemoStep = readonly [outcome: string, patch?: Json | (() => Json)] | { wait: string };

/** Who works a demo case: its starter, and the user of each role (华城镇 董源村 and the county by default). */
export interface DemoWorkOptions {
  starter?: string;
  users?: Record<string, string>;
  /** How long each step takes on the clock (default a day). */
  stepTakes?: string;
}

const DONGYUAN_USERS: Record<string, string> = {
  village_clerk: 'cun-dongyuan', village_work_team: 'cun-dongyuan', town_reviewer: 'zhen-huacheng', county_reviewer: 'xian',
};

/** A demo account as the runtime's actor. */
export async function demoActor(services: Services, username: string): Promise<Actor> {
  const row = await findLoginUser(services.db.pool, services.config.tenantId, username);
  if (!row) throw new Error(`demo user ${username} is missing`);
  return toActor(toSessionUser(row));
}

/**
 * Works demo cases through the runtime on `clock`, as their users would: each step with its form's
 * example data changed by the step's patch and the evidence the form asks for uploaded, a 公示 posted
 * at the village committee and each of the starter's 村民小组; a wait moves the clock by its
 * duration and fires the timers then due. With `tellWorkers` each task opened is told to its
 * workers as a live case's is; the years-old cases leave that out (nobody reads a 2017 新的待办).
 */
export function createDemoWorker(services: Services, clock: ManualClock, { tellWorkers = false }: { tellWorkers?: boolean } = {}) {
  const tenantId = services.config.tenantId;
  const runtime = createRuntime({
    db: services.db, tenantId, clock, ids: services.ids, logger: services.logger, calendar: createWorkCalendar(services.county.calendar),
    catalog: services.catalog, forms: createFormValidator(), configForYear: services.configForYear, actionHandlers: createActionHandlers(createRecordWriters()),
    // Cases of these days tell the workers of each task they open (新的待办, dated by the step), as a live case does.
    notifications: tellWorkers ? services.notifications : undefined,
  });
  const uploads = { db: services.db, tenantId, ids: services.ids, clock, blobs: services.blobs };
  const formByKey = new Map(loadFormsFromDir(join(services.config.rootDir, 'schemas')).map((f) => [f.key, f.schema]));
  const exampleOf = (key: string): Json => structuredClone((formByKey.get(key)?.examples as Json[] | undefined)?.[0] ?? {});
  let worked = 0;

  /** Starts a case and works its steps; answers the case's id. */
  const work = async (definitionKey: string, steps: readonly DemoStep[], options: DemoWorkOptions = {}): Promise<string> => {
    const starterName = options.starter ?? 'cun-dongyuan';
    const users = options.users ?? DONGYUAN_USERS;
    const starter = await demoActor(services, starterName);
    const groups = await villageGroupNames(services.db.pool, tenantId, starter.orgUnitId);
    const { instanceId } = await runtime.startInstance({ definitionKey, actor: starter });
    worked++;
    for (const step of steps) {
      if ('wait' in step) {
        clock.advance(step.wait);
        await runtime.fireDueTimers();
        continue;
      }
      const [outcome, patch] = step;
      const [task] = await listOpenTasksForWork(services.db.pool, tenantId, instanceId);
      if (!task) throw new Error(`demo ${definitionKey} case ${instanceId} has no open task for ${outcome}`);
      const actor = await demoActor(services, users[task.candidateRoles[0]] ?? starterName);
      let data: Json = { ...exampleOf(task.formKey), ...(typeof patch === 'function' ? patch() : patch) };
      if (task.formKey.endsWith('.publicNotice')) data = { ...data, places: ['村委会公告栏', ...groups] };
      data = await withUploadedEvidence(uploads, { schema: formByKey.get(task.formKey), data, actor, instanceId });
      await runtime.completeTask({ taskId: task.id, outcome, data, actor, comment: '演示数据' });
      clock.advance(options.stepTakes ?? 'P1D');
    }
    return instanceId;
  };
  return { work, worked: () => worked };
}
