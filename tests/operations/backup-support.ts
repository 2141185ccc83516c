/** What the backup suites share: running the npm scripts, counting rows, driving the restored app. */
import { spawn } from 'node:child_process';
import { ApiClient } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';
import { REPO_ROOT } from '../support/test-services';
import { DEMO_PASSWORD, killApp } from '../trust/app-process';
import type { AppProcess } from '../trust/app-process';

export const TABLES = ['instances', 'tasks', 'timers', 'history', 'households', 'notices', 'users', 'org_units', 'definitions', 'audit_events'];

/** Runs `npm run <script> -- args` in the repository with the given settings (and no DATABASE_URL unless given). */
export function npmRun(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'JZ_DATA_DIR') base[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: REPO_ROOT, env: { ...base, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

export async function counts(query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = Number((await query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  return result;
}

/** A logged-in caller of the restored app, and the household driver's view of it. */
export function harnessOf(app: AppProcess): ApiHarness {
  const sessions = new Map<string, ApiClient>();
  return {
    base: app.base, anonymous: new ApiClient(app.base), services: undefined as never, close: async () => undefined,
    async login(username: string) {
      const known = sessions.get(username);
      if (known) return known;
      const answer = await new ApiClient(app.base).post('/api/auth/login', { username, password: DEMO_PASSWORD });
      if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}: ${answer.text}`);
      const client = new ApiClient(app.base, username, (answer.headers.get('set-cookie') ?? '').split(';')[0], answer.body.csrfToken);
      sessions.set(username, client);
      return client;
    },
  };
}

/** Stops the app as its supervisor would (SIGTERM), so it stops its embedded PostgreSQL too. */
export async function stopApp(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  const stopped = await Promise.race([app.exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), 30_000))]);
  if (!stopped) await killApp(app);
}

