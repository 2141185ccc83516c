/**
 * The app after a crash: an embedded PostgreSQL orphaned by a SIGKILLed app is stopped and the
 * next start succeeds; a PostgreSQL killed under the running app is restarted; a database that is
 * down answers 503 (never 500); /api/ready reports the database, the queue and free disk.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/api/create-app';
import { assessDisk, DEFAULT_DISK_THRESHOLDS } from '../../server/src/api/meta.router';
import { parseConfig } from '../../server/src/config';
import { createManualClock, silentLogger } from '../../server/src/kernel';
import { startServices } from '../../server/src/services';
import type { Services } from '../../server/src/services';
import { findFreePort, inspectDataDirLock } from '../../server/src/store/embedded-postgres';
import { ApiClient } from '../api/api-harness';
import {
  assertPrerequisites, cleanUp, DEMO_PASSWORD, isAlive, killApp, makeDataDir, postmaster, REPO_ROOT, spawnApp, waitUntil,
} from './app-process';
import type { AppProcess } from './app-process';
import { startTcpProxy } from './tcp-proxy';
import type { TcpProxy } from './tcp-proxy';
import { createTestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

async function login(base: string, username: string): Promise<ApiClient> {
  const answer = await new ApiClient(base).post('/api/auth/login', { username, password: DEMO_PASSWORD });
  if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}: ${answer.text}`);
  return new ApiClient(base, username, (answer.headers.get('set-cookie') ?? '').split(';')[0], answer.body.csrfToken);
}

describe('the real app process on its embedded PostgreSQL', () => {
  let dataDir: string | undefined;
  let app: AppProcess | undefined;
  beforeAll(() => { assertPrerequisites(); dataDir = makeDataDir('jz-restart-'); });
  afterAll(async () => { await cleanUp(dataDir, app); });

  it('When the app is killed with SIGKILL, then its orphaned PostgreSQL is stopped by the next start, which succeeds', async () => {
    const port = await findFreePort();
    app = await spawnApp(dataDir!, port);
    const clerk = await login(app.base, 'cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    expect(started.status).toBe(201);

    await killApp(app);
    const orphan = postmaster(dataDir!)!;
    expect(isAlive(orphan.pid)).toBe(true);
    expect(inspectDataDirLock(`${dataDir}/pg`)).toEqual({ kind: 'orphan', pid: orphan.pid });

    app = await spawnApp(dataDir!, port);
    expect(isAlive(orphan.pid)).toBe(false);
    expect(postmaster(dataDir!)!.pid).not.toBe(orphan.pid);
    expect(app.output()).toContain(`stopping the orphaned PostgreSQL ${orphan.pid}`);
    expect((await new ApiClient(app.base).get('/api/ready')).status).toBe(200);
    // The same database: the case started before the crash is there, and the session survived too.
    expect((await clerk.get(`/api/instances/${started.body.id}`)).body).toMatchObject({ id: started.body.id, state: 'application' });
  });

  it('When the embedded PostgreSQL is killed under the running app, then calls answer 503 meanwhile and the app restarts it', async () => {
    const before = postmaster(dataDir!)!;
    const clerk = await login(app!.base, 'cun-dongyuan');
    process.kill(before.pid, 'SIGKILL');
    const statuses: number[] = [];
    await waitUntil('the app to answer again', async () => {
      const answer = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
      statuses.push(answer.status);
      return answer.status === 201;
    }, 60_000, 50);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 503 && s !== 201)).toEqual([]);
    expect(app!.child.exitCode).toBeNull();
    const after = postmaster(dataDir!)!;
    expect(after.pid).not.toBe(before.pid);
    expect(isAlive(after.pid)).toBe(true);
    const health = await new ApiClient(app!.base).get('/api/ready');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok', queue: 'ok', disk: 'ok' });
  });
});

describe('a database that cannot be reached, seen through the HTTP API', () => {
  let dataDir: string | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let proxy: TcpProxy | undefined;
  let services: Services | undefined;
  let server: Server | undefined;
  let base = '';

  beforeAll(async () => {
    dataDir = makeDataDir('jz-down-');
    // A private copy of the seeded test database, reached through a relay the test can cut.
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    const url = new URL(database.url);
    url.port = String(proxy.port);
    // Through the relay's TCP port, not the server's own Unix socket.
    url.searchParams.delete('host');
    const config = parseConfig({ DATABASE_URL: url.toString(), NODE_ENV: 'test', JZ_DEMO_PASSWORD: DEMO_PASSWORD, JZ_DATA_DIR: dataDir }, REPO_ROOT);
    const clock = createManualClock();
    services = await startServices({ config, clock, logger: silentLogger, sweepIntervalMs: 0 });
    server = createServer(createApp(services, { testClock: clock }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await proxy?.restore().catch(() => undefined);
    await services?.close();
    await proxy?.close();
    await database?.drop();
    await cleanUp(dataDir);
  });

  it('When the database goes away, then API calls answer 503 with Retry-After and health says it is down; when it is back, all is ok again', async () => {
    const anonymous = new ApiClient(base);
    const healthy = await anonymous.get('/api/ready');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({
      status: 'ok', database: 'ok', queue: 'ok', disk: 'ok',
      details: {
        queue: { backend: 'postgres', worker: 'running' },
        disk: { status: 'ok', freeBytes: expect.any(Number), totalBytes: expect.any(Number), minFreeBytes: DEFAULT_DISK_THRESHOLDS.minFreeBytes },
      },
    });
    const clerk = await login(base, 'cun-dongyuan');

    await proxy!.cut();
    const start = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    expect(start.status).toBe(503);
    expect(start.headers.get('retry-after')).toBe('5');
    expect(start.body.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('数据库暂时不可用') });
    expect((await clerk.get('/api/tasks')).status).toBe(503);
    const down = await anonymous.get('/api/ready');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body).toMatchObject({ status: 'unavailable', database: 'down', queue: 'down', disk: 'ok' });
    // Liveness asks nothing of the database: a supervisor must not restart a process for an outage behind it.
    expect((await anonymous.get('/api/health')).status).toBe(200);

    await proxy!.restore();
    await waitUntil('health to recover', async () => (await anonymous.get('/api/ready')).status === 200, 30_000, 200);
    expect((await clerk.post('/api/instances', { definitionKey: 'household-identification' })).status).toBe(201);
  });
});

describe('free disk space in the health check', () => {
  const GB = 1024 ** 3;
  it('When free space falls under 200 MB or 1 %, then the disk is "low"; otherwise it is "ok"', () => {
    expect(assessDisk('/data', { freeBytes: 50 * GB, totalBytes: 100 * GB }).status).toBe('ok');
    expect(assessDisk('/data', { freeBytes: 150 * 1024 ** 2, totalBytes: 10 * GB }).status).toBe('low');
    expect(assessDisk('/data', { freeBytes: 5 * GB, totalBytes: 1000 * GB }).status).toBe('low');
    expect(assessDisk('/data', { freeBytes: 0, totalBytes: 0 }).status).toBe('low');
    expect(assessDisk('/data', { freeBytes: 5 * GB, totalBytes: 1000 * GB }, { minFreeBytes: GB, minFreeRatio: 0.001 }).status).toBe('ok');
  });
});
