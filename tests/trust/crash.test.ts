/**
 * Crash suite: the real server process (server/src/main.ts on its embedded PostgreSQL) is killed
 * with SIGKILL at random points while a driver starts household cases and completes their tasks
 * over HTTP, and restarted on the same data directory each time; its embedded PostgreSQL is also
 * killed under it twice. Afterwards, read straight from the database: every acknowledged step is
 * in the history exactly once, every instance's hash chain verifies, every due timer fired once,
 * and the app started every time. JZ_CRASH_SEED replays a run.
 */
import type { Client } from 'pg';
import { idCardCheckCharacter } from '../../server/src/forms';
import { verifyHistoryChain } from '../../server/src/store/history-chain';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { ApiClient } from '../api/api-harness';
import type { ApiAnswer } from '../api/api-harness';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleFor } from '../support/form-examples';
import {
  assertPrerequisites, cleanUp, connectToDatabase, DEMO_PASSWORD, isAlive, killApp, makeDataDir, postmaster, spawnApp, waitUntil,
} from './app-process';
import type { AppProcess } from './app-process';

jest.setTimeout(300_000);

const APP_KILLS = 10;
const POSTGRES_KILLS = 2;
const DRIVERS = 2;

/** Who completes each household-identification task in 董源村, and with which forward outcome. */
const WORKER: Record<string, string> = {
  application: 'cun-dongyuan', verification: 'cun-dongyuan', villagerAppraisal: 'cun-dongyuan', 'publicNotice.posting': 'cun-dongyuan',
  preliminaryOpinion: 'cun-dongyuan', townReview: 'zhen-huacheng', countyApproval: 'xian',
};
const FORWARD: Record<string, string> = {
  application: 'SUBMIT', verification: 'VERIFY', villagerAppraisal: 'PASS', 'publicNotice.posting': 'POSTED',
  preliminaryOpinion: 'FORWARD', townReview: 'APPROVE', countyApproval: 'APPROVE',
};

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The application form's example for another household: every ID number in it replaced by a
 * distinct valid one with the same area, birth date and sex (the form checks those against the
 * members' fields; one ID number may belong to one open case only).
 */
function applicationData(n: number): unknown {
  let text = JSON.stringify(exampleFor('household-identification.application'));
  const ids = [...new Set(text.match(/\b\d{17}[\dX]\b/g) ?? [])];
  ids.forEach((id, i) => {
    const odd = Number(id[16]) % 2;
    const seq = (2 * (n * ids.length + i)) % 998 + odd; // keeps the parity of the sex digit
    const body = `${id.slice(0, 14)}${String(seq).padStart(3, '0')}`;
    text = text.split(id).join(`${body}${idCardCheckCharacter(body)}`);
  });
  return JSON.parse(text);
}

describe('crash suite: SIGKILL of the app and of its PostgreSQL under load', () => {
  const seed = Number(process.env.JZ_CRASH_SEED ?? Date.now() % 1_000_000);
  const rand = random(seed);
  let dataDir: string | undefined;
  let app: AppProcess | undefined;
  let db: Client | undefined;

  beforeAll(() => { assertPrerequisites(); dataDir = makeDataDir('jz-crash-'); });
  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await cleanUp(dataDir, app);
  });

  it('When the app and its database are killed at random points, then every acknowledged step is kept exactly once and every timer fires once', async () => {
    const port = await findFreePort();
    let starts = 0;
    let spawns = 0;
    const startApp = async () => {
      spawns++;
      app = await spawnApp(dataDir!, port);
      starts++;
    };
    await startApp();

    // Sessions live in the database, so one login per user, before any kill, lasts across restarts.
    // (A login cut short by a kill counts against the login budget, which counts attempts first.)
    const anonymous = new ApiClient(`http://127.0.0.1:${port}`);
    const sessions = new Map<string, ApiClient>();
    for (const username of ['cun-dongyuan', 'zhen-huacheng', 'xian']) {
      const login = await anonymous.post('/api/auth/login', { username, password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
      sessions.set(username, new ApiClient(anonymous.base, username, (login.headers.get('set-cookie') ?? '').split(';')[0], login.body.csrfToken));
    }
    const statusCounts = new Map<number | 'down', number>();
    const serverErrors: string[] = [];
    const call = async (who: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer | undefined> => {
      const client = who ? sessions.get(who)! : anonymous;
      try {
        const answer = await client.request(method, path, body, headers);
        statusCounts.set(answer.status, (statusCounts.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 && answer.status !== 503) serverErrors.push(`${method} ${path} → ${answer.status} ${answer.text.slice(0, 300)}`);
        if (answer.status === 503) await sleep(100);
        return answer;
      } catch {
        // Connection refused or reset: the app is down or was killed mid-request.
        statusCounts.set('down', (statusCounts.get('down') ?? 0) + 1);
        await sleep(100);
        return undefined;
      }
    };

    interface Case { id: string; n: number; done: boolean; busy: boolean }
    const cases: Case[] = [];
    const ackedStarts = new Set<string>();
    const ackedSteps = new Set<string>();
    let attemptedSteps = 0;
    /** The first few steps refused with a 4xx, to explain a run that made no progress. */
    const refusals: string[] = [];
    let clockAdvances = 0;
    let nextCase = 0;
    let running = true;

    const startCase = async () => {
      const n = nextCase++;
      const answer = await call('cun-dongyuan', 'POST', '/api/instances', { definitionKey: 'household-identification' });
      if (answer?.status === 201) {
        ackedStarts.add(answer.body.id);
        cases.push({ id: answer.body.id, n, done: false, busy: false });
      }
    };

    /** Moves one case one step forward; an unanswered attempt is simply looked at again next time. */
    const stepCase = async (c: Case) => {
      const instance = await call('xian', 'GET', `/api/instances/${c.id}`);
      if (instance?.status !== 200) return;
      if (instance.body.status !== 'running') { c.done = true; return; }
      const task = instance.body.tasks.find((t: any) => t.status === 'open' || t.status === 'claimed');
      if (!task) return; // the 7-day notice runs: its timer moves the case on
      // The step's evidence is uploaded first by the same worker; an upload the app did not answer is tried again next time.
      const uploader = { request: async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
        const answer = await call(WORKER[task.state], method as 'POST', path, body, headers);
        if (!answer) throw new Error('the app did not answer the upload');
        return answer;
      } };
      let data: unknown;
      try {
        data = task.formKey === 'household-identification.application' ? applicationData(c.n) : await uploadEvidence(task.formKey, exampleFor(task.formKey), { client: uploader, instanceId: c.id });
      } catch {
        return;
      }
      attemptedSteps++;
      const answer = await call(WORKER[task.state], 'POST', `/api/tasks/${task.id}/complete`, { outcome: FORWARD[task.state], data, comment: '同意' });
      if (answer?.status === 200) ackedSteps.add(task.id);
      else if (answer && answer.status !== 503 && refusals.length < 5) refusals.push(`${task.state} ${FORWARD[task.state]} → ${answer.status} ${answer.text.slice(0, 300)}`);
    };

    const driver = async () => {
      while (running) {
        const r = rand();
        const idle = cases.filter((c) => !c.done && !c.busy);
        if (r < 0.05) {
          // Kills also land while the test clock fires the 7-day notices.
          const answer = await call(undefined, 'POST', '/api/test/clock', { advance: 'P8D' });
          if (answer?.status === 200) clockAdvances++;
        } else if (idle.length < 3 || r < 0.25) {
          await startCase();
        } else {
          const c = idle[Math.floor(rand() * idle.length)];
          c.busy = true;
          try { await stepCase(c); } finally { c.busy = false; }
        }
      }
    };

    let appKills = 0;
    let postgresKills = 0;
    let postgresRestartsInApp = 0;
    let exitsAfterPostgresKill = 0;
    const killer = async () => {
      // Two of the twelve disruptions kill the database instead of the app.
      const plan: Array<'app' | 'postgres'> = Array.from({ length: APP_KILLS + POSTGRES_KILLS }, (_, i) => (i < POSTGRES_KILLS ? 'postgres' : 'app'));
      for (let i = plan.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [plan[i], plan[j]] = [plan[j], plan[i]]; }
      for (const what of plan) {
        await sleep(300 + rand() * 2_200);
        if (what === 'app') {
          await killApp(app!);
          appKills++;
          await startApp();
          continue;
        }
        const pm = postmaster(dataDir!)!;
        process.kill(pm.pid, 'SIGKILL');
        postgresKills++;
        // The app restarts its database, or exits non-zero for its supervisor (here: this test) to restart it.
        const current = app!;
        let exited = false;
        void current.exited.then(() => { exited = true; });
        await waitUntil('the app to recover from the killed database', async () => {
          if (exited) return true;
          const after = postmaster(dataDir!);
          if (!after || after.pid === pm.pid || !isAlive(after.pid)) return false;
          return (await call(undefined, 'GET', '/api/ready'))?.status === 200;
        }, 90_000, 200);
        if (exited) {
          exitsAfterPostgresKill++;
          expect((await current.exited).code).not.toBe(0);
          await startApp();
        } else {
          postgresRestartsInApp++;
        }
      }
    };

    const drivers = Array.from({ length: DRIVERS }, () => driver());
    try {
      await killer();
    } finally {
      running = false;
      await Promise.all(drivers);
    }

    // Settle: let the app finish, then move the clock past every scheduled timer and fire them.
    await waitUntil('the app to be healthy', async () => (await call(undefined, 'GET', '/api/ready'))?.status === 200, 60_000, 200);
    db = await connectToDatabase(dataDir!);
    const clockNow = new Date((await call(undefined, 'GET', '/api/test/clock'))!.body.now);
    const { rows: [latest] } = await db.query(`SELECT max(fire_at) AS at FROM timers WHERE status = 'scheduled'`);
    if (latest.at) {
      const days = Math.max(1, Math.ceil((latest.at.getTime() - clockNow.getTime()) / 86_400_000) + 1);
      const advanced = await call(undefined, 'POST', '/api/test/clock', { advance: `P${days}D` });
      expect(advanced?.status).toBe(200);
    }
    const finalNow = new Date((await call(undefined, 'GET', '/api/test/clock'))!.body.now);

    // Every acknowledged start and step is in the history exactly once; no step is there twice.
    const { rows: steps } = await db.query(`SELECT payload->>'taskId' AS task_id, count(*)::int AS n FROM history WHERE type = 'task_completed' GROUP BY 1`);
    const stepCount = new Map(steps.map((r) => [r.task_id as string, r.n as number]));
    const missingSteps = [...ackedSteps].filter((id) => stepCount.get(id) !== 1);
    expect(missingSteps).toEqual([]);
    expect(steps.filter((r) => r.n !== 1)).toEqual([]);
    const { rows: startedRows } = await db.query(`SELECT instance_id, count(*)::int AS n FROM history WHERE type = 'started' GROUP BY 1`);
    const startCount = new Map(startedRows.map((r) => [r.instance_id as string, r.n as number]));
    expect([...ackedStarts].filter((id) => startCount.get(id) !== 1)).toEqual([]);
    // A completed task row has exactly the one history event, and the other way round.
    const { rows: completedTasks } = await db.query(`SELECT id FROM tasks WHERE status = 'completed'`);
    expect(completedTasks.filter((t) => stepCount.get(t.id) !== 1).map((t) => t.id)).toEqual([]);
    expect(steps.length).toBe(completedTasks.length);

    // Every instance's hash chain verifies.
    const { rows: events } = await db.query('SELECT instance_id, seq, at, type, actor, payload, prev_hash, hash FROM history ORDER BY instance_id, seq');
    const chains = new Map<string, any[]>();
    for (const r of events) {
      const list = chains.get(r.instance_id) ?? [];
      list.push({ instanceId: r.instance_id, seq: r.seq, at: r.at, type: r.type, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash });
      chains.set(r.instance_id, list);
    }
    const broken = [...chains].map(([id, list]) => ({ id, verdict: verifyHistoryChain(list) })).filter((c) => !c.verdict.ok);
    expect(broken).toEqual([]);
    const { rows: [{ n: instanceCount }] } = await db.query('SELECT count(*)::int AS n FROM instances');
    expect(chains.size).toBe(instanceCount);

    // Every due timer fired exactly once, each with one timer_fired event.
    const { rows: timers } = await db.query('SELECT id, status, fire_at FROM timers');
    const due = timers.filter((t) => t.fire_at.getTime() <= finalNow.getTime());
    expect(due.filter((t) => t.status !== 'fired' && t.status !== 'cancelled')).toEqual([]);
    const { rows: firedEvents } = await db.query(`SELECT payload->>'timerId' AS timer_id, count(*)::int AS n FROM history WHERE type = 'timer_fired' GROUP BY 1`);
    const firedCount = new Map(firedEvents.map((r) => [r.timer_id as string, r.n as number]));
    // Every fired timer has its one event, whichever process fired it (the test clock is kept in the
    // database, so a restarted process takes it up where the last one left it).
    const firedTimers = timers.filter((t) => t.status === 'fired');
    expect(firedTimers.filter((t) => firedCount.get(t.id) !== 1).map((t) => t.id)).toEqual([]);
    expect(firedEvents.filter((r) => r.n !== 1)).toEqual([]);
    expect(firedEvents.length).toBe(firedTimers.length);

    console.log([
      `crash suite (seed ${seed}): app kills survived ${appKills}, PostgreSQL kills survived ${postgresKills} ` +
        `(restarted in the app ${postgresRestartsInApp}, app exited and was restarted ${exitsAfterPostgresKill}), successful starts ${starts}/${spawns}`,
      `steps: acknowledged ${ackedSteps.size} of ${attemptedSteps} attempted, all checked in the history exactly once; ` +
        `cases started ${ackedStarts.size} (acknowledged), instances ${instanceCount}, history events ${events.length}, chains verified ${chains.size}`,
      `timers: due ${due.length}, fired ${firedTimers.length} (each once), clock advances under load ${clockAdvances}`,
      `answers: ${[...statusCounts].map(([s, n]) => `${s}×${n}`).join(', ')}`,
    ].join('\n'));
    if (refusals.length) console.log(`refused steps (first ${refusals.length}):\n${refusals.join('\n')}`);

    // The app started every time, and no call was answered with a 500.
    expect(appKills).toBe(APP_KILLS);
    expect(postgresKills).toBe(POSTGRES_KILLS);
    expect(starts).toBe(spawns);
    expect(starts).toBeGreaterThanOrEqual(APP_KILLS + 1);
    expect(serverErrors).toEqual([]);
    expect(ackedSteps.size).toBeGreaterThan(0);
    expect(firedTimers.length).toBeGreaterThan(0);


  });
});
