/**
 * HTTP API throughput and the inbox query at scale, on a throwaway embedded PostgreSQL.
 *
 * 1. Seeds 100,000 open tasks over the county's 16 towns and ~400 villages (real cases for the
 *    completions, the rest written in bulk with the same shape), then drives the app on loopback
 *    with autocannon: `GET /api/tasks` as a village clerk, a town reviewer and the county reviewer,
 *    and `POST /api/tasks/:id/complete` (form validation + engine step + commit) on distinct tasks.
 * 2. Grows to 1,000,000 open tasks and times the inbox query alone (the function the endpoint runs:
 *    counts per state + one page) for every kind of user, many times; reports the p95.
 *
 * Last line: `api: inbox p95 <ms> ms at ${short(BIG)} tasks, complete <n> req/s`.
 * Knobs: BENCH_SECONDS (per autocannon run, default 10), BENCH_CONNECTIONS (default 16),
 * BENCH_COMPLETIONS (default 3000), BENCH_INBOX_QUERIES (default 3000), JZ_BENCH_BIG (open tasks of part 2,
 * default 1000000; part 1 has a tenth of them). Every completion files a household with its own
 * fresh ID numbers: an ID number may be held by one open case only.
 */
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../server/src/api/create-app';
import { findInbox } from '../server/src/domain/tasks/inbox.query';
import { createRoleStateIndex } from '../server/src/domain/tasks/role-states';
import { parseConfig } from '../server/src/config';
import { silentLogger } from '../server/src/kernel';
import type { Actor } from '../server/src/kernel';
import { startServices } from '../server/src/services';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';
import { percentile } from './support/drive';
import { applicationWithMembers, loadApplicationExample } from './support/household-forms';
import { login } from './support/http-session';

/** The part of autocannon's API used here (the package ships no type declarations). */
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}
type CannonOptions = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: CannonOptions, done: (err: Error | null, result: CannonResult) => void) => unknown;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 3000);
const INBOX_QUERIES = Number(process.env.BENCH_INBOX_QUERIES ?? 3000);
const BIG = Number(process.env.JZ_BENCH_BIG ?? 1_000_000);
const FIRST = Math.max(Math.round(BIG / 10), COMPLETIONS);
const short = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
const PASSWORD = 'bench-Pass-2026';
const root = resolve(__dirname, '..');

const log = (message: string) => console.log(message);

/** Task states of household identification with their share of the open tasks, roles and level. */
const STATE_MIX: Array<{ state: string; share: number; roles: string[]; level: 'village' | 'town' | 'county' }> = [
  { state: 'application', share: 0.15, roles: ['village_clerk'], level: 'village' },
  { state: 'verification', share: 0.15, roles: ['village_work_team'], level: 'village' },
  { state: 'villagerAppraisal', share: 0.1, roles: ['village_clerk'], level: 'village' },
  { state: 'publicNotice.posting', share: 0.1, roles: ['village_clerk'], level: 'village' },
  { state: 'preliminaryOpinion', share: 0.1, roles: ['village_clerk'], level: 'village' },
  { state: 'objectionReview', share: 0.05, roles: ['town_reviewer'], level: 'town' },
  { state: 'townReview', share: 0.2, roles: ['town_reviewer'], level: 'town' },
  { state: 'countyApproval', share: 0.15, roles: ['county_reviewer'], level: 'county' },
];

/** Adds villages to every town so the county has about 400, as the real one has 412. */
async function addVillages(db: Client): Promise<void> {
  await db.query(`
    INSERT INTO org_units (id, tenant_id, parent_id, level, name, path)
    SELECT t.id || (200 + n)::text, '441424', t.id, 'village', t.name || '第' || n || '村', t.path || '/' || t.id || (200 + n)::text
    FROM org_units t CROSS JOIN generate_series(1, 26) AS n
    WHERE t.level = 'town' AND NOT EXISTS (SELECT 1 FROM org_units v WHERE v.id = t.id || (200 + n)::text)`);
}

/** Writes `count` running cases with one open task each, spread over villages and states like a busy county. */
async function seedOpenTasks(db: Client, from: number, count: number): Promise<void> {
  const { rows: [def] } = await db.query(`SELECT id, document FROM definitions WHERE key = 'household-identification' AND version = 1`);
  const taskSpec = (state: string) => state.split('.').reduce((node: any, part) => node.states[part], def.document.machine).meta.task;
  const mix = STATE_MIX.map((m) => ({ ...m, spec: taskSpec(m.state) }));
  let cumulative = 0;
  const bounds = mix.map((m) => { cumulative += m.share; return { ...m, upTo: cumulative }; });
  const stateCase = bounds.map((b, i) => `WHEN r < ${b.upTo} THEN ${i}`).join(' ');
  const batch = 100_000;
  for (let start = from; start < from + count; start += batch) {
    const end = Math.min(from + count, start + batch) - 1;
    await db.query(`
      CREATE TEMP TABLE IF NOT EXISTS seed_rows (n int, village text, village_path text, town text, town_path text, k int, due timestamptz);
      TRUNCATE seed_rows;
      WITH villages AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, path, parent_id FROM org_units WHERE level = 'village'),
           vc AS (SELECT count(*) AS c FROM villages)
      INSERT INTO seed_rows
      SELECT n, v.id, v.path, v.parent_id, split_part(v.path, '/', 1) || '/' || split_part(v.path, '/', 2),
             CASE ${stateCase} ELSE ${bounds.length - 1} END,
             now() + make_interval(hours => ((g.n::bigint * 7919) % 600)::int - 240)
      FROM generate_series(${start}, ${end}) AS g(n) CROSS JOIN vc
      CROSS JOIN LATERAL (SELECT ((g.n * 2654435761::bigint) % 1000000) / 1000000.0 AS r) AS rnd
      JOIN villages v ON v.i = (g.n * 31) % vc.c`);
    await db.query(`
      INSERT INTO instances (id, tenant_id, definition_id, definition_key, definition_version, status, state, snapshot, data, org_unit_id, org_path,
                             version, history_seq, history_hash, created_at, updated_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, '441424', $1, 'household-identification', 1, 'running',
             '"application"', '{}', '{}', village, village_path, 1, 0, '', now(), now()
      FROM seed_rows`, [def.id]);
    await db.query(`
      INSERT INTO tasks (id, tenant_id, instance_id, definition_key, definition_version, state, title, form_key, outcomes, candidate_roles,
                         org_unit_id, org_path, status, due_at, created_at)
      SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, '441424', ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
             'household-identification', 1, m.state, m.title, m.form, m.outcomes, m.roles,
             CASE m.level WHEN 'village' THEN s.village WHEN 'town' THEN s.town ELSE '441424' END,
             CASE m.level WHEN 'village' THEN s.village_path WHEN 'town' THEN s.town_path ELSE '441424' END,
             'open', s.due, s.due - interval '10 days'
      FROM seed_rows s JOIN jsonb_to_recordset($1::jsonb) AS m(k int, state text, title jsonb, form text, outcomes jsonb, roles text[], level text) ON m.k = s.k`,
      [JSON.stringify(mix.map((m, k) => ({ k, state: m.state, title: m.spec.title, form: m.spec.form, outcomes: m.spec.outcomes, roles: m.roles, level: m.level })))]);
  }
}

async function cannon(options: CannonOptions): Promise<CannonResult> {
  return new Promise((done, fail) => {
    autocannon(options, (err, result) => (err ? fail(err) : done(result)));
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-api-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), settings: { shared_buffers: '512MB', work_mem: '16MB', max_connections: '200' } });
  let exitCode = 0;
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_bench_api');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/jz_bench_api';
    const services = await startServices({
      config: parseConfig({ DATABASE_URL: url.toString(), JZ_DEMO_PASSWORD: PASSWORD, NODE_ENV: 'development' }, root),
      logger: silentLogger, timers: 'none', sweepIntervalMs: 0,
    });
    const app = createApp(services, { loginFailureLimit: 1000 });
    const http = createServer(app);
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const db = new Client({ connectionString: url.toString() });
    // The server is stopped in `finally`, also after a failure: its goodbye must not crash the process.
    db.on('error', () => undefined);
    await db.connect();

    // 1. A tenth of BIG (100,000) open tasks: real cases (for completions) plus bulk rows of the same shape.
    let t0 = performance.now();
    await addVillages(db);
    const clerkSession = await login(base, 'cun-dongyuan', PASSWORD);
    const taskIds: string[] = [];
    for (let i = 0; i < COMPLETIONS; i += 50) {
      const started = await Promise.all(Array.from({ length: Math.min(50, COMPLETIONS - i) }, () => fetch(`${base}/api/instances`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: clerkSession.cookie, 'x-csrf-token': clerkSession.csrf },
        body: JSON.stringify({ definitionKey: 'household-identification' }),
      }).then((r) => r.json() as Promise<{ tasks: Array<{ id: string }> }>)));
      for (const s of started) taskIds.push(s.tasks[0].id);
    }
    await seedOpenTasks(db, 1, FIRST - COMPLETIONS);
    await db.query('VACUUM ANALYZE tasks');
    await db.query('VACUUM ANALYZE instances');
    const { rows: [{ n: open100k }] } = await db.query(`SELECT count(*)::int AS n FROM tasks WHERE status IN ('open', 'claimed')`);
    log(`seeded ${open100k} open tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const inboxRates: string[] = [];
    for (const username of ['cun-dongyuan', 'zhen-huacheng', 'xian']) {
      const session = await login(base, username, PASSWORD);
      const result = await cannon({ url: `${base}/api/tasks?pageSize=50`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie: session.cookie } });
      if (result.non2xx || result.errors) throw new Error(`GET /api/tasks as ${username}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      inboxRates.push(`${username} ${Math.round(result.requests.average)} req/s (p99 ${result.latency.p99} ms)`);
      log(`GET /api/tasks as ${username}: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    }

    const example = loadApplicationExample(root);
    const completeBodies = taskIds.map(() => JSON.stringify({ outcome: 'SUBMIT', data: applicationWithMembers(example, 6), comment: '提交' }));
    let next = 0;
    t0 = performance.now();
    const completion = await cannon({
      url: base, connections: CONNECTIONS, amount: taskIds.length,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: clerkSession.cookie, 'x-csrf-token': clerkSession.csrf },
        setupRequest: (request: any) => {
          const i = next++ % taskIds.length;
          return { ...request, path: `/api/tasks/${taskIds[i]}/complete`, body: completeBodies[i] };
        },
      }],
    });
    const completeSeconds = (performance.now() - t0) / 1000;
    const completed = completion['2xx'];
    if (completion.non2xx || completion.errors) throw new Error(`completions: ${completion.non2xx} non-2xx, ${completion.errors} errors`);
    const completeRate = completed / completeSeconds;
    log(`POST /api/tasks/:id/complete: ${completed} tasks in ${completeSeconds.toFixed(1)} s = ${completeRate.toFixed(0)} req/s, latency p50 ${completion.latency.p50} ms, p99 ${completion.latency.p99} ms`);
    http.closeAllConnections();
    http.close();

    // 2. BIG (1,000,000) open tasks; the inbox query alone, as each kind of user sees it.
    t0 = performance.now();
    await seedOpenTasks(db, FIRST, Math.max(0, BIG - FIRST) + COMPLETIONS);
    await db.query('VACUUM ANALYZE tasks');
    const { rows: [{ n: open1m }] } = await db.query(`SELECT count(*)::int AS n FROM tasks WHERE status IN ('open', 'claimed')`);
    log(`grew to ${open1m} open tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const { rows: users } = await db.query('SELECT u.id, u.username, u.roles, u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id');
    const actors: Actor[] = users.map((u) => ({ userId: u.id, username: u.username, roles: u.roles, orgUnitId: u.org_unit_id, orgPath: u.path }));
    const { rows: villages } = await db.query(`SELECT id, path FROM org_units WHERE level = 'village' ORDER BY random() LIMIT 20`);
    const { rows: towns } = await db.query(`SELECT id, path FROM org_units WHERE level = 'town'`);
    for (const v of villages) actors.push({ userId: null, username: `clerk-${v.id}`, roles: ['village_clerk', 'village_work_team'], orgUnitId: v.id, orgPath: v.path });
    for (const t of towns) actors.push({ userId: null, username: `town-${t.id}`, roles: ['town_reviewer'], orgUnitId: t.id, orgPath: t.path });
    const variants = [{}, {}, { overdue: true }, { state: 'countyApproval' }, { state: 'application' }, { state: 'townReview' }, { page: 3 }];
    const roleStates = createRoleStateIndex(services.db.pool, services.config.tenantId);
    const now = new Date();
    const timings: number[] = [];
    const byKind = new Map<string, number[]>();
    const kind = (a: Actor) => (a.roles.includes('county_reviewer') ? 'county' : a.roles.includes('town_reviewer') ? 'town' : a.roles.includes('village_clerk') ? 'village' : 'no inbox role');
    for (let i = 0; i < 200; i++) await findInbox(services.db.pool, { tenantId: '441424', roleStates, now }, actors[i % actors.length], { scopePath: actors[i % actors.length].orgPath, sort: 'dueAt', page: 1, pageSize: 50 });
    for (let i = 0; i < INBOX_QUERIES; i++) {
      const actor = actors[i % actors.length];
      const variant = variants[i % variants.length] as { overdue?: boolean; state?: string; page?: number };
      const start = performance.now();
      await findInbox(services.db.pool, { tenantId: '441424', roleStates, now }, actor, { scopePath: actor.orgPath, sort: 'dueAt', page: variant.page ?? 1, pageSize: 50, overdue: variant.overdue, state: variant.state });
      const ms = performance.now() - start;
      timings.push(ms);
      byKind.set(kind(actor), [...(byKind.get(kind(actor)) ?? []), ms]);
    }
    timings.sort((a, b) => a - b);
    for (const [k, list] of byKind) {
      list.sort((a, b) => a - b);
      log(`inbox at ${short(BIG)}, ${k} users: p50 ${percentile(list, 50).toFixed(2)} ms, p95 ${percentile(list, 95).toFixed(2)} ms, max ${list[list.length - 1].toFixed(2)} ms (${list.length} queries)`);
    }
    await db.end();
    await services.close();
    log(`inbox rates at ${short(FIRST)}: ${inboxRates.join('; ')}`);
    log(`api: inbox p95 ${percentile(timings, 95).toFixed(1)} ms at ${short(BIG)} tasks, complete ${completeRate.toFixed(0)} req/s`);
  } catch (err) {
    console.error(err);
    exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
