import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/api/create-app';
import type { CreateAppOptions } from '../../server/src/api/create-app';
import { passwordWork } from '../../server/src/auth/passwords';
import { parseConfig } from '../../server/src/config';
import { createManualClock } from '../../server/src/kernel';
import type { ManualClock } from '../../server/src/kernel';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { REPO_ROOT, startTestServices } from '../support/test-services';
import { ApiClient } from './api-harness';
import type { ApiAnswer } from './api-harness';

/**
 * The login budgets over HTTP: counted atomically before the password is checked, per username
 * and address, per address and for the system, on the API's injected wall clock, with the client
 * address taken from X-Forwarded-For only behind TRUST_PROXY hops.
 */

let services: Awaited<ReturnType<typeof startTestServices>>;
const servers: Server[] = [];

beforeAll(async () => { services = await startTestServices(); });
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  await services.close();
  await services.dropDatabase();
});
// Every test starts with empty budgets: the rows are shared by every app on this database.
beforeEach(async () => { await services.db.pool.query('DELETE FROM rate_limits'); });

/** An app on this database with its own wall clock, configured from TRUST_PROXY as main.ts would be. */
async function startApp(env: { TRUST_PROXY?: string }, options: CreateAppOptions = {}): Promise<{ client: ApiClient; clock: ManualClock }> {
  const clock = createManualClock(new Date('2026-05-04T02:00:00Z'));
  const config = { ...services.config, trustProxy: parseConfig(env, REPO_ROOT).trustProxy };
  const server = createServer(createApp({ ...services, config }, { wallClock: clock, ...options }));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { client: new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), clock };
}

const login = (client: ApiClient, username: string, password: string, from?: string) =>
  client.post('/api/auth/login', { username, password }, from ? { 'x-forwarded-for': from } : {});

const statuses = (answers: ApiAnswer[]) => {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
};

function expectRefused(answer: ApiAnswer, messagePart: string) {
  expect(answer.status).toBe(429);
  expect(answer.body.error.code).toBe('too_many_attempts');
  expect(answer.body.error.message).toContain(messagePart);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('login limits', () => {
  it('When 30 wrong passwords and the right one arrive at once, then at most 5 are checked and the right one is refused after', async () => {
    const { client } = await startApp({});
    const burst = [...Array.from({ length: 30 }, (_, i) => login(client, 'xian', `wrong-${i}`)), login(client, 'xian', TEST_DEMO_PASSWORD)];
    const answers = await Promise.all(burst);
    const counts = statuses(answers);
    // Only a checked password answers 401 or 200; a refused attempt answers 429 without checking.
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(5);
    expect(counts[429]).toBeGreaterThanOrEqual(26);
    for (const a of answers.filter((x) => x.status === 429)) expectRefused(a, '登录失败次数过多');
    // The budget is spent: the right password is refused too, in zh-CN by default.
    expectRefused(await login(client, 'xian', TEST_DEMO_PASSWORD), 'xian 登录失败次数过多');
  });

  it('When one address sprays guesses over 20 usernames, then the address budget stops it while other addresses still log in', async () => {
    const { client } = await startApp({ TRUST_PROXY: '1' });
    const usernames = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    // Two guesses per username: far below the per-account budget of 5, so only the address budget (20) can stop them.
    const answers = await Promise.all(usernames.flatMap((u) => [login(client, u, 'spring2026', '203.0.113.7'), login(client, u, 'Passw0rd!', '203.0.113.7')]));
    expect(statuses(answers)).toEqual({ 401: 20, 429: 20 });
    for (const a of answers.filter((x) => x.status === 429)) expectRefused(a, '此网络地址登录失败次数过多');
    expectRefused(await login(client, 'cun-hezikou', TEST_DEMO_PASSWORD, '203.0.113.7'), '此网络地址');
    expect((await login(client, 'cun-hezikou', TEST_DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('When guesses come from many addresses, then the system budget stops them until the window ends', async () => {
    const { client, clock } = await startApp({ TRUST_PROXY: '1' }, { loginGlobalFailureLimit: 6 });
    for (let i = 0; i < 6; i++) expect((await login(client, `user-${i}`, 'guess', `198.51.100.${i + 1}`)).status).toBe(401);
    expectRefused(await login(client, 'zhen-huacheng', TEST_DEMO_PASSWORD, '198.51.100.50'), '系统登录失败次数过多');
    clock.advance('PT15M');
    expect((await login(client, 'zhen-huacheng', TEST_DEMO_PASSWORD, '198.51.100.50')).status).toBe(200);
  });

  it('When the right password succeeds, then it does not use up the budgets of an office sharing one address', async () => {
    const { client } = await startApp({}, { loginAddressFailureLimit: 3 });
    for (let i = 0; i < 8; i++) expect((await login(client, 'cun-dongyuan', TEST_DEMO_PASSWORD)).status).toBe(200);
    expect((await login(client, 'cun-dongyuan', 'typo')).status).toBe(401);
    expect((await login(client, 'cun-dongyuan', TEST_DEMO_PASSWORD)).status).toBe(200);
  });

  it('When too many password checks are under way, then a login answers 503 with Retry-After and its attempt does not count against the account', async () => {
    const { client } = await startApp({});
    // The app's gate held full: 2 checks running and 64 waiting, each until released.
    let release!: () => void;
    const released = new Promise<void>((done) => { release = done; });
    const held = Array.from({ length: 66 }, () => passwordWork(() => released));
    try {
      const busy = await login(client, 'xian', 'wrong-while-busy');
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('2');
      expect(busy.body.error.message).toContain('系统繁忙');
    } finally {
      release();
      await Promise.all(held);
    }
    // Nothing was checked, so the account's five failures are all still there to spend.
    const after = await Promise.all(Array.from({ length: 5 }, (_, i) => login(client, 'xian', `wrong-${i}`)));
    expect(statuses(after)).toEqual({ 401: 5 });
    expect((await login(client, 'xian', TEST_DEMO_PASSWORD)).status).toBe(429);
  });

  it('When the injected wall clock moves past the 15-minute window, then the account may try again', async () => {
    const { client, clock } = await startApp({});
    for (let i = 0; i < 5; i++) expect((await login(client, 'ducha', `wrong-${i}`)).status).toBe(401);
    const refused = await login(client, 'ducha', TEST_DEMO_PASSWORD);
    expectRefused(refused, 'ducha');
    expect(Number(refused.headers.get('retry-after'))).toBe(900);
    clock.advance('PT14M');
    expectRefused(await login(client, 'ducha', TEST_DEMO_PASSWORD), 'ducha');
    clock.advance('PT1M');
    expect((await login(client, 'ducha', TEST_DEMO_PASSWORD)).status).toBe(200);
  });

  it('When TRUST_PROXY is unset, then X-Forwarded-For is ignored and a client cannot pick a fresh address', async () => {
    const { client } = await startApp({});
    for (let i = 0; i < 5; i++) expect((await login(client, 'admin', `wrong-${i}`, `198.51.100.${i + 1}`)).status).toBe(401);
    expectRefused(await login(client, 'admin', TEST_DEMO_PASSWORD, '198.51.100.99'), 'admin');
  });

  it('When TRUST_PROXY=1, then the address the proxy reports counts, and addresses the client wrote before it do not', async () => {
    const { client } = await startApp({ TRUST_PROXY: '1' });
    for (let i = 0; i < 5; i++) expect((await login(client, 'admin', `wrong-${i}`, '198.51.100.1')).status).toBe(401);
    expectRefused(await login(client, 'admin', TEST_DEMO_PASSWORD, '198.51.100.1'), 'admin');
    // The proxy appends the address it saw; what the client put in front of it is not trusted.
    expectRefused(await login(client, 'admin', TEST_DEMO_PASSWORD, '192.0.2.44, 198.51.100.1'), 'admin');
    expect((await login(client, 'admin', TEST_DEMO_PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('When TRUST_PROXY is parsed, then it is a number of hops and anything else stops the start', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }, REPO_ROOT).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '2' }, REPO_ROOT).trustProxy).toBe(2);
    expect(parseConfig({}, REPO_ROOT).trustProxy).toBeUndefined();
    expect(parseConfig({ TRUST_PROXY: '0' }, REPO_ROOT).trustProxy).toBeUndefined();
    for (const bad of ['true', '-1', '1.5', 'loopback']) expect(() => parseConfig({ TRUST_PROXY: bad }, REPO_ROOT)).toThrow(/TRUST_PROXY/);
  });
});
