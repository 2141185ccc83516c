/**
 * Drivers shared by the throughput benchmarks: progress lines, a measurement of concurrent
 * drivers, and one household-identification case through the in-process engine.
 */
import { join } from 'node:path';
import { withUploadedEvidence } from '../../server/src/demo-evidence';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import type { Services } from '../../server/src/services';
import { applicationWithMembers } from './household-forms';
import { postgresCpuSeconds } from './process-cpu';

export type Actor = Parameters<Services['runtime']['completeTask']>[0]['actor'];
export type Application = Parameters<typeof applicationWithMembers>[0];

export { silentLogger } from '../../server/src/kernel';
/** Steps of one household case: start, 7 task completions, the notice period's timer. */
export const STEPS_PER_CASE = 9;

/**
 * Cases run before a measurement (BENCH_WARMUP_CASES, default 160): besides compiling forms and
 * JIT, every pooled connection has to run each step statement a few times. PostgreSQL plans a
 * prepared statement anew on its first five runs on a connection (milliseconds for a step's), then
 * keeps a generic plan; the app keeps its idle connections for minutes so that a server pays this
 * once. A measurement after a shorter warm-up charges the steady state with those plans.
 */
export const WARMUP_CASES = Number(process.env.BENCH_WARMUP_CASES ?? 160);

const began = performance.now();
/** A progress line with the seconds since the benchmark began. */
export const progress = (message: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One measurement. `cpu`, when the measurement was given PostgreSQL's process id: the CPU seconds
 * this process (the side measured and its drivers) and PostgreSQL used over it.
 */
export interface Measurement { cases: number; steps: number; seconds: number; rate: number; startLatencies: number[]; cpu?: { app: number; db: number } }

/** Several measurements of one side as one: all their steps over all their time. */
export function pooled(runs: Measurement[]): Measurement {
  const steps = runs.reduce((sum, m) => sum + m.steps, 0);
  const seconds = runs.reduce((sum, m) => sum + m.seconds, 0);
  const cpu = runs.every((m) => m.cpu) ? { app: runs.reduce((sum, m) => sum + m.cpu!.app, 0), db: runs.reduce((sum, m) => sum + m.cpu!.db, 0) } : undefined;
  return { cases: runs.reduce((sum, m) => sum + m.cases, 0), steps, seconds, rate: steps / seconds, startLatencies: runs.flatMap((m) => m.startLatencies), cpu };
}

/** CPU milliseconds per step of a measurement (this process, PostgreSQL), or undefined when it was not taken. */
export function cpuPerStep(m: Measurement): { app: number; db: number } | undefined {
  return m.cpu && m.steps ? { app: (m.cpu.app * 1000) / m.steps, db: (m.cpu.db * 1000) / m.steps } : undefined;
}

/**
 * Runs `count` cases with `drivers` concurrent drivers, starting no new case after `maxSeconds`,
 * and answers the steps per second over the whole run. `driveOne` answers the steps it took. With
 * `postgresPid` (the postmaster's), the CPU this process and PostgreSQL used is taken as well.
 */
export async function measure(label: string, options: { count: number; drivers: number; maxSeconds: number; postgresPid?: number },
  driveOne: (startLatencies: number[]) => Promise<number>): Promise<Measurement> {
  const app0 = process.cpuUsage();
  const db0 = options.postgresPid === undefined ? undefined : postgresCpuSeconds(options.postgresPid);
  let next = 0;
  let steps = 0;
  let cases = 0;
  const startLatencies: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + options.maxSeconds * 1000;
  const ticker = setInterval(() => progress(`  ${label}: ${cases} cases, ${steps} steps so far`), 5000);
  try {
    const driver = async () => {
      while (next < options.count && performance.now() < deadline) {
        next++;
        const taken = await driveOne(startLatencies);
        steps += taken;
        cases++;
      }
    };
    await Promise.all(Array.from({ length: options.drivers }, driver));
  } finally {
    clearInterval(ticker);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = steps / seconds;
  const app = process.cpuUsage(app0);
  const db1 = db0 === undefined ? undefined : postgresCpuSeconds(options.postgresPid);
  const cpu = db0 !== undefined && db1 !== undefined ? { app: (app.user + app.system) / 1e6, db: db1 - db0 } : undefined;
  progress(`${label}: ${cases} cases, ${steps} steps in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} steps/s`);
  return { cases, steps, seconds, rate, startLatencies, cpu };
}

let schemas: Map<string, unknown> | undefined;

/**
 * A step's data with the evidence its form asks for (visit and posting photos) uploaded first by
 * the acting user for the case, through the upload use case, as the form's uploader would.
 */
export function withEvidence(services: Services, actor: Actor, instanceId: string, formKey: string, data: unknown): Promise<unknown> {
  schemas ??= new Map(loadFormsFromDir(join(services.config.rootDir, 'schemas')).map((f) => [f.key, f.schema]));
  return withUploadedEvidence({ db: services.db, tenantId: services.config.tenantId, ids: services.ids, clock: services.clock, blobs: services.blobs },
    { schema: schemas.get(formKey), data, actor, instanceId });
}

/** The demo users that work a household case: the village clerk, the town and the county reviewer. */
export async function householdActors(services: Services): Promise<{ clerk: Actor; town: Actor; county: Actor }> {
  const actorOf = async (username: string): Promise<Actor> => {
    const { rows: [r] } = await services.db.pool.query(
      'SELECT u.id, u.roles, u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE username = $1', [username]);
    if (!r) throw new Error(`demo user ${username} is missing`);
    return { userId: r.id, username, roles: r.roles, orgUnitId: r.org_unit_id, orgPath: r.path } as Actor;
  };
  return { clerk: await actorOf('cun-dongyuan'), town: await actorOf('zhen-huacheng'), county: await actorOf('xian') };
}

/** The household path after the start: outcome and who gives it (TIMER: the notice period ends). */
export const HOUSEHOLD_PATH: Array<[string, 'clerk' | 'town' | 'county']> = [
  ['SUBMIT', 'clerk'], ['VERIFY', 'clerk'], ['PASS', 'clerk'], ['POSTED', 'clerk'], ['TIMER', 'clerk'],
  ['FORWARD', 'clerk'], ['APPROVE', 'town'], ['APPROVE', 'county'],
];

/**
 * The notice period's timer of a case made due now and delivered through the ordinary step, as
 * the timer worker would; answers the task it opened.
 */
export async function fireNoticeTimer(services: Services, instanceId: string): Promise<{ id: string; state: string; formKey: string }> {
  const { db, runtime } = services;
  // Named, so the bench's own statements are planned once per connection like the app's.
  const { rows } = await db.pool.query({ name: 'bench_timer_due', text: `UPDATE timers SET fire_at = now() WHERE instance_id = $1 AND status = 'scheduled' RETURNING id`, values: [instanceId] });
  if (!rows[0]) throw new Error(`case ${instanceId} has no scheduled timer`);
  const fired = await runtime.fireTimer(rows[0].id);
  if (fired !== 'fired') throw new Error(`timer ${rows[0].id}: ${fired}`);
  const { rows: open } = await db.pool.query({ name: 'bench_open_task', text: `SELECT id, state, form_key AS "formKey" FROM tasks WHERE instance_id = $1 AND status = 'open'`, values: [instanceId] });
  return open[0];
}

/** The form of each step of HOUSEHOLD_PATH after the start (TIMER: none), as household-identification.json names them. */
export const HOUSEHOLD_FORMS: ReadonlyArray<string | undefined> = [
  'application', 'verification', 'villagerAppraisal', 'publicNotice', undefined, 'preliminaryOpinion', 'townReview', 'countyApproval',
].map((f) => f && `household-identification.${f}`);

/** The data of each step of one case (by position in HOUSEHOLD_PATH), its evidence already uploaded. */
export type CaseEvidence = ReadonlyArray<unknown>;

/**
 * Evidence uploaded before a measurement, one set per case: uploading a photo or a scan is its own
 * use case (the upload request, with its type sniffing, thumbnail and EXIF), so it is measured
 * apart (`uploads: <files>/s`) and a step's figure is the step's. Each file is uploaded by the
 * user who submits the step, for no case yet, as the application's uploader does; the step still
 * binds it to its case in its own statement, and refuses it if it is not the submitter's.
 */
export class EvidenceStock {
  private readonly sets: CaseEvidence[] = [];
  /** Files uploaded and the seconds it took, over every fill. */
  files = 0;
  seconds = 0;

  constructor(private readonly services: Services, private readonly actors: Record<'clerk' | 'town' | 'county', Actor>,
    private readonly examples: Map<string, unknown>) {}

  /** Uploads the evidence of `cases` more cases with `drivers` concurrent uploaders. */
  async fill(cases: number, drivers = 8): Promise<void> {
    const { rows: [before] } = await this.services.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments');
    const t0 = performance.now();
    let next = 0;
    const uploader = async () => {
      while (next < cases) {
        next++;
        const set: unknown[] = [];
        for (const [i, [outcome, who]] of HOUSEHOLD_PATH.entries()) {
          const formKey = HOUSEHOLD_FORMS[i];
          set.push(outcome === 'SUBMIT' || !formKey ? undefined
            : await withUploadedEvidence(this.uploadDeps(), { schema: this.schemaOf(formKey), data: this.examples.get(formKey), actor: this.actors[who] }));
        }
        this.sets.push(set);
      }
    };
    await Promise.all(Array.from({ length: drivers }, uploader));
    this.seconds += (performance.now() - t0) / 1000;
    const { rows: [after] } = await this.services.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments');
    this.files += after.n - before.n;
  }

  /** The next case's step data; a measurement that needs more than was filled is a bench fault. */
  take(): CaseEvidence {
    const set = this.sets.shift();
    if (!set) throw new Error('the evidence stock is empty: fill it with as many cases as the measurement runs');
    return set;
  }

  /** `uploads: <files>/s (<files> files in <s> s, 8 uploaders)`: the upload use case's own rate. */
  summary(): string {
    return `uploads: ${(this.files / this.seconds).toFixed(0)} files/s (${this.files} evidence files uploaded before the timed phases in ${this.seconds.toFixed(1)} s; not part of the step figures)`;
  }

  private uploadDeps() {
    const s = this.services;
    return { db: s.db, tenantId: s.config.tenantId, ids: s.ids, clock: s.clock, blobs: s.blobs };
  }

  private schemaOf(formKey: string): unknown {
    schemas ??= new Map(loadFormsFromDir(join(this.services.config.rootDir, 'schemas')).map((f) => [f.key, f.schema]));
    return schemas.get(formKey);
  }
}

/**
 * One household case through the in-process engine (`runtime.startInstance`, `completeTask`,
 * `fireTimer`), filing a fresh household of `members` members with evidence taken from `stock`;
 * answers the steps it took.
 */
export function engineCase(services: Services, actors: { clerk: Actor; town: Actor; county: Actor }, application: Application,
  stock: EvidenceStock, members: number) {
  return async (startLatencies: number[]): Promise<number> => {
    const evidence = stock.take();
    const t0 = performance.now();
    const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: actors.clerk });
    startLatencies.push(performance.now() - t0);
    let steps = 1;
    let task: { id: string; formKey: string } = started.openedTasks[0];
    for (const [i, [outcome, who]] of HOUSEHOLD_PATH.entries()) {
      if (outcome === 'TIMER') {
        task = await fireNoticeTimer(services, started.instanceId);
      } else {
        if (task.formKey !== HOUSEHOLD_FORMS[i]) throw new Error(`case ${started.instanceId}: step ${outcome} has form ${task.formKey}, the bench expected ${HOUSEHOLD_FORMS[i]}`);
        const data = outcome === 'SUBMIT' ? applicationWithMembers(application, members) : evidence[i];
        const result = await services.runtime.completeTask({ taskId: task.id, outcome, actor: actors[who], data, comment: '同意' });
        task = result.openedTasks[0];
      }
      steps++;
    }
    return steps;
  };
}
