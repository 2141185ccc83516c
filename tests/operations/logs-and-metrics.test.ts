import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '../../server/src/api/create-app';
import { createMetricsApp, isDirectLocalCaller } from '../../server/src/api/metrics-endpoint';
import { parseConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/kernel';
import { ApiClient, drive } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { REPO_ROOT, startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

const TOKEN = 'metrics-token-0123456789abcdef';

/** Every JSON line the app's logger wrote. */
const lines: Array<Record<string, unknown>> = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let services: TestServices & { dropDatabase(): Promise<void> };
const servers: Server[] = [];

async function listen(app: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The app on port 0, with or without a metrics token, as a harness `drive` can use. */
async function startApp(token: string | undefined): Promise<ApiHarness> {
  const config = { ...services.config, metrics: { ...services.config.metrics, token } };
  const base = await listen(createApp({ ...services, config }, { testClock: services.clock }));
  const sessions = new Map<string, ApiClient>();
  return {
    services, base, anonymous: new ApiClient(base),
    async login(username) {
      const known = sessions.get(username);
      if (known) return known;
      const answer = await new ApiClient(base).post('/api/auth/login', { username, password: TEST_DEMO_PASSWORD });
      if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}`);
      const client = new ApiClient(base, username, (answer.headers.get('set-cookie') ?? '').split(';')[0], answer.body.csrfToken);
      sessions.set(username, client);
      return client;
    },
    close: async () => undefined,
  };
}

let withToken: ApiHarness;
let withoutToken: ApiHarness;

beforeAll(async () => {
  services = await startTestServices({ timers: 'queue', logger: createLogger({ format: 'json', destination: capture }) });
  withToken = await startApp(TOKEN);
  withoutToken = await startApp(undefined);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  await services.close();
  await services.dropDatabase();
});

describe('logs', () => {
  it('When a request carries an X-Request-Id, then every line logged while it runs carries it, and the answer echoes it', async () => {
    const clerk = await withToken.login('cun-dongyuan');
    const requestId = 'edge-7f3a9c21.1';
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' }, { 'x-request-id': requestId });
    expect(started.status).toBe(201);
    expect(started.headers.get('x-request-id')).toBe(requestId);

    const ofRequest = lines.filter((line) => line.requestId === requestId);
    // The runtime's step line gets the id from the request's context, not from its caller.
    const step = ofRequest.find((line) => line.message === 'step');
    expect(step).toMatchObject({ level: 'info', instanceId: started.body.id, definition: 'household-identification', kind: 'started' });
    expect(ofRequest.find((line) => line.message === 'request')).toMatchObject({ method: 'POST', route: '/api/instances', status: 201, user: 'cun-dongyuan' });
    // Every line about this instance so far was written during this request.
    const aboutInstance = lines.filter((line) => line.instanceId === started.body.id);
    expect(aboutInstance.length).toBeGreaterThan(0);
    for (const line of aboutInstance) expect(line.requestId).toBe(requestId);
    for (const line of ofRequest) expect(line).toEqual(expect.objectContaining({ time: expect.any(String), pid: process.pid }));
  });

  it('When the X-Request-Id is not an id, then the app gives the request one of its own', async () => {
    const answer = await withToken.anonymous.get('/api/notices', { 'x-request-id': 'x'.repeat(300) });
    expect(answer.status).toBe(200);
    const id = answer.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await withToken.anonymous.get('/api/notices', { 'x-request-id': '<script>' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Two requests, two ids; each request line names its own.
    expect(odd.headers.get('x-request-id')).not.toBe(id);
    expect(lines.find((line) => line.requestId === id && line.message === 'request')).toMatchObject({ route: '/api/notices', status: 200 });
  });
});

describe('GET /metrics', () => {
  it('When no token is configured, then /metrics answers a direct caller on 127.0.0.1 and no request a proxy forwarded', async () => {
    const local = await withoutToken.anonymous.get('/metrics');
    expect(local.status).toBe(200);
    expect(local.text).toContain('jz_steps_total');
    const proxyHeaders: Array<Record<string, string>> = [{ 'x-forwarded-for': '203.0.113.7' }, { forwarded: 'for=203.0.113.7' }, { 'x-real-ip': '203.0.113.7' }];
    for (const header of proxyHeaders) {
      const proxied = await withoutToken.anonymous.get('/metrics', header);
      expect(proxied.status).toBe(404);
      expect(proxied.text).not.toContain('jz_');
    }
  });

  it('When the caller is not on a loopback address, then it is not a local caller', () => {
    const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, get: (name: string) => headers[name] }) as never;
    expect(isDirectLocalCaller(request('127.0.0.1'))).toBe(true);
    expect(isDirectLocalCaller(request('::ffff:127.0.0.1'))).toBe(true);
    expect(isDirectLocalCaller(request('::1'))).toBe(true);
    expect(isDirectLocalCaller(request('10.0.0.5'))).toBe(false);
    expect(isDirectLocalCaller(request('::ffff:192.168.1.9'))).toBe(false);
    expect(isDirectLocalCaller(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(false);
  });

  it('When the token is missing or wrong, then it answers 401 and shows no series', async () => {
    const missing = await withToken.anonymous.get('/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.text).not.toContain('jz_steps_total');
    const wrong = await withToken.anonymous.get('/metrics', { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    const basic = await withToken.anonymous.get('/metrics', { authorization: `Basic ${Buffer.from(`a:${TOKEN}`).toString('base64')}` });
    expect(basic.status).toBe(401);
  });

  it('When steps ran and a timer fired, then the series count them by definition, outcome and route pattern', async () => {
    const clerk = await withToken.login('cun-dongyuan');
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    await drive(withToken, 'dongyuan', started.body.id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    expect((await withToken.anonymous.post('/api/test/clock', { advance: 'P8D' })).body.fired).toBeGreaterThanOrEqual(1);

    const answer = await withToken.anonymous.get('/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    const value = (series: string): number => {
      const line = answer.text.split('\n').find((l) => l.startsWith(`${series} `));
      if (!line) throw new Error(`no series ${series} in:\n${answer.text.slice(0, 4000)}`);
      return Number(line.slice(series.length + 1));
    };
    expect(value('jz_steps_total{definition="household-identification",kind="started",outcome="committed"}')).toBeGreaterThanOrEqual(2);
    expect(value('jz_steps_total{definition="household-identification",kind="task_completed",outcome="committed"}')).toBeGreaterThanOrEqual(4);
    expect(value('jz_steps_total{definition="household-identification",kind="timer_fired",outcome="committed"}')).toBeGreaterThanOrEqual(1);
    expect(value('jz_step_duration_seconds_count{use_case="completeTask",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(value('jz_step_commit_duration_seconds_count{definition="household-identification"}')).toBeGreaterThanOrEqual(7);
    expect(value('jz_timers_scheduled_total')).toBeGreaterThanOrEqual(1);
    expect(value('jz_timers_fired_total')).toBeGreaterThanOrEqual(1);
    expect(value('jz_timer_deliveries_total{outcome="fired"}')).toBeGreaterThanOrEqual(1);
    expect(value('jz_timers_overdue')).toBe(0);
    expect(value('jz_queue_jobs{state="delayed"}')).toBeGreaterThanOrEqual(0);
    expect(value('jz_queue_jobs{state="failed"}')).toBe(0);
    expect(value('jz_queue_job_failures_total')).toBe(0);
    expect(value('jz_pg_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(value('jz_pg_pool_connections{state="waiting"}')).toBe(0);
    // Route patterns, never raw paths with ids in them.
    expect(value('jz_http_request_duration_seconds_count{method="POST",route="/api/tasks/:id/complete",status="200"}')).toBeGreaterThanOrEqual(4);
    expect(answer.text).not.toContain(started.body.id);
    expect(answer.text).toContain('process_cpu_seconds_total');
  });

  it('When METRICS_PORT is used, then its own listener serves the metrics without a token and nothing else', async () => {
    const base = await listen(createMetricsApp(services.metrics));
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('jz_steps_total');
    expect((await fetch(`${base}/api/notices`)).status).toBe(404);
  });

  it('When METRICS_TOKEN or METRICS_PORT is malformed, then the app does not start', () => {
    expect(() => parseConfig({ METRICS_TOKEN: 'short' }, REPO_ROOT)).toThrow(/METRICS_TOKEN/);
    expect(() => parseConfig({ METRICS_PORT: 'x' }, REPO_ROOT)).toThrow(/METRICS_PORT/);
    expect(parseConfig({ METRICS_TOKEN: TOKEN, METRICS_PORT: '9464' }, REPO_ROOT).metrics).toEqual({ token: TOKEN, port: 9464, host: '127.0.0.1' });
    expect(parseConfig({}, REPO_ROOT).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
  });
});
