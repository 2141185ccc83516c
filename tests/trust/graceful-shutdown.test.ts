/**
 * Graceful shutdown of the real server: SIGTERM drains HTTP (requests in flight are answered, the
 * port closes), closes the queue and the pool and stops the embedded PostgreSQL, then the process
 * exits 0; `npm start` in its own process group ends entirely after one SIGTERM to the group, also
 * right after a load; a request that never completes holds the shutdown only until a second SIGTERM
 * or the 20 s grace period forces it (exit 1, the embedded PostgreSQL stopped too).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { ApiClient } from '../api/api-harness';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { ACTOR_FOR_STATE } from '../support/household-flow';
import {
  assertPrerequisites, cleanUp, connectToDatabase, DEMO_PASSWORD, isAlive, makeDataDir, postmaster, REPO_ROOT, spawnApp, waitUntil,
} from './app-process';
import type { AppProcess } from './app-process';

jest.setTimeout(240_000);

const FORWARD: Record<string, string> = {
  application: 'SUBMIT', verification: 'VERIFY', villagerAppraisal: 'PASS', 'publicNotice.posting': 'POSTED',
  preliminaryOpinion: 'FORWARD', townReview: 'APPROVE', countyApproval: 'APPROVE',
};

async function sessionsFor(base: string): Promise<Map<string, ApiClient>> {
  const sessions = new Map<string, ApiClient>();
  for (const username of ['cun-dongyuan', 'zhen-huacheng', 'xian']) {
    const login = await new ApiClient(base).post('/api/auth/login', { username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    sessions.set(username, new ApiClient(base, username, (login.headers.get('set-cookie') ?? '').split(';')[0], login.body.csrfToken));
  }
  return sessions;
}

/** Completes the case's open task (a start's `tasks`, a completion's `openedTasks`) with its forward outcome; answers the step. */
async function step(sessions: Map<string, ApiClient>, instance: any): Promise<any> {
  const task = instance.openedTasks?.[0] ?? instance.tasks.find((t: any) => t.status === 'open' || t.status === 'claimed');
  const client = sessions.get(ACTOR_FOR_STATE[task.state])!;
  const data = await uploadEvidence(task.formKey, exampleDataFor(task.formKey), { client, instanceId: instance.id ?? instance.instanceId });
  const answer = await client.post(`/api/tasks/${task.id}/complete`, { outcome: FORWARD[task.state], data, comment: '同意' });
  if (answer.status !== 200) throw new Error(`${task.state}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.body;
}

/** A request whose body never finishes arriving: the connection stays busy until the server gives up on it. */
async function openStuckRequest(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((done) => socket.once('connect', () => done()));
  socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":');
  return socket;
}

describe('graceful shutdown of the server process', () => {
  let dataDir: string | undefined;
  let app: AppProcess | undefined;
  beforeAll(() => { assertPrerequisites(); });
  afterEach(async () => {
    await cleanUp(dataDir, app);
    dataDir = undefined;
    app = undefined;
  });

  it('When an idle server gets SIGTERM, then it stops its embedded PostgreSQL and exits 0 within seconds', async () => {
    dataDir = makeDataDir('jz-stop-idle-');
    app = await spawnApp(dataDir, await findFreePort());
    const pm = postmaster(dataDir)!;
    expect((await new ApiClient(app.base).get('/api/ready')).status).toBe(200);
    const t0 = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(isAlive(pm.pid)).toBe(false);
    expect(app.output()).toContain('"message":"stopped"');
  });

  it('When npm start served a load and its process group gets SIGTERM with requests in flight, then they are answered and the whole group ends', async () => {
    dataDir = makeDataDir('jz-stop-group-');
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', JZ_DATA_DIR: dataDir, JZ_DEMO_PASSWORD: DEMO_PASSWORD };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS']) delete env[name];
    // Its own process group, as a shell or a service manager starts it.
    const npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
    npm.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    const groupAlive = () => { try { process.kill(-npm.pid!, 0); return true; } catch { return false; } };
    try {
      await waitUntil('npm start to listen', () => /is listening on/.test(output), 180_000, 100);
      const base = `http://127.0.0.1:${port}`;
      const sessions = await sessionsFor(base);
      const clerk = sessions.get('cun-dongyuan')!;

      // A load: cases worked to their 7-day notice by four clients at once.
      const atNotice: string[] = [];
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let n = 0; n < 6; n++) {
          let instance = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body;
          for (let s = 0; s < 4; s++) instance = await step(sessions, instance);
          expect(instance.state).toEqual({ publicNotice: 'running' });
          atNotice.push(instance.id);
        }
      }));
      const pm = postmaster(dataDir)!;

      // In flight at the signal: the clock's move hands 24 notice timers to the queue and fires them (the
      // request and the worker side by side); four more cases start.
      const advancing = new ApiClient(base).post('/api/test/clock', { advance: 'P8D' });
      const starting = Array.from({ length: 4 }, () => clerk.post('/api/instances', { definitionKey: 'household-identification' }));
      await new Promise((done) => setTimeout(done, 50));
      const t0 = Date.now();
      process.kill(-npm.pid!, 'SIGTERM');
      const advanced = await advancing;
      expect(advanced.status).toBe(200);
      const started = await Promise.all(starting);
      expect(started.map((a) => a.status)).toEqual([201, 201, 201, 201]);

      await waitUntil('the process group to end', () => !groupAlive(), 30_000, 100);
      const tookMs = Date.now() - t0;
      expect(tookMs).toBeLessThan(20_000);
      expect(isAlive(pm.pid)).toBe(false);
      expect(output).toContain('"message":"stopped"');
      expect(output).not.toContain('shutdown forced');

      // What was answered is in the database: restart on the same data and look.
      app = await spawnApp(dataDir, port);
      const db = await connectToDatabase(dataDir);
      try {
        const { rows: [counts] } = await db.query(
          `SELECT (SELECT count(*)::int FROM history WHERE type = 'timer_fired') AS fired, (SELECT count(*)::int FROM instances) AS instances,
                  (SELECT count(*)::int FROM instances WHERE state::text LIKE '%preliminaryOpinion%') AS moved_on`);
        expect(counts).toEqual({ fired: atNotice.length, instances: atNotice.length + 4, moved_on: atNotice.length });
      } finally {
        await db.end();
      }
      console.log(`graceful shutdown: npm start's group ended ${tookMs} ms after SIGTERM, with ${atNotice.length} timers firing and 4 starts in flight, all answered`);
    } finally {
      if (groupAlive()) process.kill(-npm.pid!, 'SIGKILL');
    }
  });

  it('When a request never completes, then a second SIGTERM forces the exit (1) and still stops the embedded PostgreSQL', async () => {
    dataDir = makeDataDir('jz-stop-force-');
    const port = await findFreePort();
    app = await spawnApp(dataDir, port);
    const pm = postmaster(dataDir)!;
    const stuck = await openStuckRequest(port);
    try {
      app.child.kill('SIGTERM');
      await waitUntil('draining', async () => (await fetch(`${app!.base}/api/ready`).then((r) => r.status, () => 0)) !== 200, 10_000, 50);
      // The port is closed to new connections, the stuck request holds the drain.
      await new Promise((done) => setTimeout(done, 1_500));
      expect(app.child.exitCode).toBeNull();
      app.child.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 1, signal: null });
      expect(app.output()).toContain('shutdown forced');
      await waitUntil('the embedded PostgreSQL to stop', () => !isAlive(pm.pid), 10_000, 50);
    } finally {
      stuck.destroy();
    }
  });

  it('When a request never completes and no second signal comes, then the shutdown is forced after 20 s', async () => {
    dataDir = makeDataDir('jz-stop-grace-');
    const port = await findFreePort();
    app = await spawnApp(dataDir, port);
    const pm = postmaster(dataDir)!;
    const stuck = await openStuckRequest(port);
    try {
      const t0 = Date.now();
      app.child.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 1, signal: null });
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(19_500);
      expect(took).toBeLessThan(30_000);
      expect(app.output()).toContain('"message":"shutdown forced"');
      expect(app.output()).toContain('still running 20000 ms after SIGTERM');
      await waitUntil('the embedded PostgreSQL to stop', () => !isAlive(pm.pid), 10_000, 50);
    } finally {
      stuck.destroy();
    }
  });
});
