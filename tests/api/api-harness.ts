import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppServer } from '../../server/src/api/app-server';
import { createApp } from '../../server/src/api/create-app';
import type { CreateAppOptions } from '../../server/src/api/create-app';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleDataFor } from '../support/form-examples';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';

/** One answer: status, parsed JSON body (or raw text), headers. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A caller of the API: anonymous, or logged in with a cookie and the CSRF token. */
export class ApiClient {
  constructor(readonly base: string, readonly username?: string, private cookie?: string, readonly csrfToken?: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(body) || typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.base}${path}`, { method, headers: h, body: payload });
    const raw = Buffer.from(await response.arrayBuffer());
    const text = raw.toString('utf8');
    let parsed: any = raw;
    if ((response.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) { return this.request<T>('GET', path, undefined, headers); }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('POST', path, body ?? {}, headers); }

  /** A copy that sends no CSRF token (to check the refusal). */
  withoutCsrf(): ApiClient { return new ApiClient(this.base, this.username, this.cookie); }
}

export interface ApiHarness {
  services: TestServices;
  base: string;
  anonymous: ApiClient;
  login(username: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/** The app in-process on port 0 against a private copy of the seeded test database. */
export async function startApiHarness(options: CreateAppOptions = {}, servicesOptions: Parameters<typeof startTestServices>[0] = {}): Promise<ApiHarness> {
  const services = await startTestServices(servicesOptions);
  const app = createApp(services, { testClock: services.clock, ...options });
  const server: Server = createAppServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions = new Map<string, ApiClient>();
  return {
    services,
    base,
    anonymous: new ApiClient(base),
    async login(username, password = TEST_DEMO_PASSWORD) {
      const known = sessions.get(username);
      if (known && password === TEST_DEMO_PASSWORD) return known;
      const answer = await new ApiClient(base).post('/api/auth/login', { username, password });
      if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}: ${answer.text}`);
      const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0];
      const client = new ApiClient(base, username, cookie, answer.body.csrfToken);
      sessions.set(username, client);
      return client;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await services.close();
      await services.dropDatabase();
    },
  };
}

/** Who completes each household-identification state, by the village the case is in. */
export const WORKERS: Record<'dongyuan' | 'zhuanshui', Record<string, string>> = {
  dongyuan: {
    application: 'cun-dongyuan', verification: 'cun-dongyuan', villagerAppraisal: 'cun-dongyuan', 'publicNotice.posting': 'cun-dongyuan',
    preliminaryOpinion: 'cun-dongyuan', objectionReview: 'zhen-huacheng', townReview: 'zhen-huacheng', countyApproval: 'xian',
  },
  zhuanshui: {
    application: 'cun-zhuanshui', verification: 'cun-zhuanshui', villagerAppraisal: 'cun-zhuanshui', 'publicNotice.posting': 'cun-zhuanshui',
    preliminaryOpinion: 'cun-zhuanshui', objectionReview: 'zhen-zhuanshui', townReview: 'zhen-zhuanshui', countyApproval: 'xian',
  },
};

/** The open task of an instance as its village clerk sees it. */
export async function openTaskOf(client: ApiClient, instanceId: string) {
  const answer = await client.get(`/api/instances/${instanceId}`);
  if (answer.status !== 200) throw new Error(`GET instance ${instanceId} answered ${answer.status}: ${answer.text}`);
  const open = answer.body.tasks.filter((t: any) => t.status === 'open' || t.status === 'claimed');
  if (open.length !== 1) throw new Error(`expected one open task, found ${open.map((t: any) => t.state).join(', ')}`);
  return open[0];
}

/** The villages' own 乡镇 / 行政村: an application's address must be the case's village (the examples are 董源村's). */
const VILLAGE_ADDRESS = { dongyuan: { town: '华城镇', village: '董源村' }, zhuanshui: { town: '转水镇', village: '转水村' } };

/** Form data whose household address, if it has one, is in `village`. */
export function inVillage(data: any, village: 'dongyuan' | 'zhuanshui'): any {
  if (!data?.household?.address) return data;
  return { ...data, household: { ...data.household, address: { ...data.household.address, ...VILLAGE_ADDRESS[village] } } };
}

/**
 * Completes the case's open task with each outcome in turn, as the worker of its state, with the
 * form's example data; `data` overrides the example of a form key. The worker uploads the
 * example's evidence files for the case first, as the form's uploader does.
 */
export async function drive(harness: ApiHarness, village: 'dongyuan' | 'zhuanshui', instanceId: string, outcomes: string[], data: Record<string, unknown> = {}) {
  const clerk = await harness.login(WORKERS[village].application);
  for (const outcome of outcomes) {
    const task = await openTaskOf(clerk, instanceId);
    const worker = await harness.login(WORKERS[village][task.state]);
    const filled = await uploadEvidence(task.formKey, inVillage(data[task.formKey] ?? exampleDataFor(task.formKey), village), { client: worker, instanceId });
    const answer = await worker.post(`/api/tasks/${task.id}/complete`, { outcome, data: filled, comment: '同意' });
    if (answer.status !== 200) throw new Error(`${outcome} on ${task.state} by ${worker.username} answered ${answer.status}: ${answer.text}`);
  }
}
