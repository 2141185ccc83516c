/**
 * `npm run bench -- profile`: where one engine step's time goes. Drives household cases through the
 * in-process runtime (8 drivers) on an embedded PostgreSQL with pg_stat_statements loaded and the
 * V8 CPU profiler running, then prints two tables: the database's time per statement (calls per
 * step, mean and total time) and the app's CPU self time by area and by function.
 *
 * The steps' evidence files are uploaded before the profiled phase (an upload is its own use case):
 * their rate and CPU per file are printed on their own line, and the tables are the steps' alone.
 *
 * It uses only the runtime's public surface (`startServices`, `startInstance`, `completeTask`,
 * `fireTimer`) and the forms in `schemas/`, so the same file profiles older versions of the engine.
 * `JZ_PROFILE_CASES` sets the number of cases (default 200), `JZ_PROFILE_STATEMENTS` the statements listed (default 14),
 * `JZ_PROFILE_OUT` a file to write the V8 CPU profile to (`.cpuprofile`, for a profile viewer), `JZ_PROFILE_QUERY_CHARS`
 * how much of each statement to show (default 90).
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { parseConfig } from '../server/src/config';
import { startServices } from '../server/src/services';
import { bareCaseDriver, bareContextOf } from './support/bare-xstate';
import { EvidenceStock, HOUSEHOLD_FORMS, WARMUP_CASES } from './support/drive';
import { loadApplicationExample } from './support/household-forms';
import { postgresCpuSeconds } from './support/process-cpu';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';

const root = resolve(__dirname, '..');
const CASES = Number(process.env.JZ_PROFILE_CASES ?? 200);
const DRIVERS = 8;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The first example of every form under schemas/, by form key (`<process>.<file>`). */
function formExamples(): Map<string, any> {
  const examples = new Map<string, any>();
  for (const dir of readdirSync(join(root, 'schemas'))) {
    if (!statSync(join(root, 'schemas', dir)).isDirectory()) continue;
    for (const file of readdirSync(join(root, 'schemas', dir)).filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(root, 'schemas', dir, file), 'utf8'));
      examples.set(`${dir}.${file.replace(/\.json$/, '')}`, (doc.schema ?? doc).examples?.[0]);
    }
  }
  return examples;
}

let seq = 0;
/** The application example with every ID number replaced by a fresh valid one (one open case per ID number). */
function freshApplication(example: any): any {
  const text = JSON.stringify(example);
  const ids = [...new Set([...text.matchAll(/"idNumber":"(\d{17}[\dX])"/g)].map((m) => m[1]))];
  let out = text;
  for (const id of ids) {
    const n = seq++;
    // 500 sequence numbers per sex and county; past that the county code's last two digits change too.
    const county = String((Number(id.slice(4, 6)) + Math.floor(n / 500)) % 100).padStart(2, '0');
    const body = `${id.slice(0, 4)}${county}${id.slice(6, 14)}${String((n % 500) * 2 + (Number(id[16]) % 2)).padStart(3, '0')}`;
    const check = '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0) % 11];
    out = out.split(id).join(body + check);
  }
  return JSON.parse(out);
}

const PATH: Array<[string, 'clerk' | 'town' | 'county']> = [
  ['SUBMIT', 'clerk'], ['VERIFY', 'clerk'], ['PASS', 'clerk'], ['POSTED', 'clerk'], ['TIMER', 'clerk'],
  ['FORWARD', 'clerk'], ['APPROVE', 'town'], ['APPROVE', 'county'],
];

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }

/** Self time by function and by area (our folders, each package, node internals, GC/idle). */
function summarise(profile: { nodes: ProfileNode[]; samples: number[] }) {
  const byNode = new Map<number, number>();
  for (const id of profile.samples) byNode.set(id, (byNode.get(id) ?? 0) + 1);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = byNode.get(node.id) ?? 0;
    if (!count) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    let area: string;
    if (!url) area = `(${node.callFrame.functionName || 'native'})`;
    else if (url.includes('node_modules/')) area = url.split('node_modules/').pop()!.split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/');
    else if (url.startsWith('node:')) area = 'node internals';
    else area = relative(root, url).split('/').slice(0, 3).join('/');
    byArea.set(area, (byArea.get(area) ?? 0) + count);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${url ? relative(root, url).replace(/^node_modules\//, '') : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
  }
  return { total: profile.samples.length, byArea, byFunction };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-profile-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.max': '5000', 'pg_stat_statements.track_planning': 'on' },
  });
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_profile');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/jz_profile';
    const services = await startServices({ config: parseConfig({ DATABASE_URL: url.toString(), JZ_DEMO_PASSWORD: 'bench-Pass-1' }, root), logger: silent, sweepIntervalMs: 0 });
    const { db, runtime } = services;
    await db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const actorOf = async (username: string) => {
      const { rows: [r] } = await db.pool.query('SELECT u.id, u.roles, u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE username = $1', [username]);
      return { userId: r.id, username, roles: r.roles, orgUnitId: r.org_unit_id, orgPath: r.path };
    };
    const actors = { clerk: await actorOf('cun-dongyuan'), town: await actorOf('zhen-huacheng'), county: await actorOf('xian') };
    const examples = formExamples();
    const application = examples.get('household-identification.application');

    // The evidence of every case is uploaded before the profiled phase (an upload is its own use case,
    // profiled apart: its rate is the `uploads` line); each step still binds its files to its case.
    const stock = new EvidenceStock(services, actors, examples);
    const uploadCpu0 = process.cpuUsage();
    const uploadPgCpu0 = postgresCpuSeconds(server.pid);
    await stock.fill(WARMUP_CASES + CASES, DRIVERS);
    const uploadCpu = process.cpuUsage(uploadCpu0);
    const uploadPgCpu1 = postgresCpuSeconds(server.pid);

    const runCase = async (): Promise<number> => {
      const evidence = stock.take();
      const started = await runtime.startInstance({ definitionKey: 'household-identification', actor: actors.clerk });
      let task = started.openedTasks[0];
      for (const [i, [outcome, who]] of PATH.entries()) {
        if (outcome === 'TIMER') {
          const { rows } = await db.pool.query(`UPDATE timers SET fire_at = now() WHERE instance_id = $1 AND status = 'scheduled' RETURNING id`, [started.instanceId]);
          await runtime.fireTimer(rows[0].id);
          const { rows: open } = await db.pool.query(`SELECT id, state, form_key AS "formKey" FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
          task = open[0];
        } else {
          if (task.formKey !== HOUSEHOLD_FORMS[i]) throw new Error(`step ${outcome} has form ${task.formKey}, the profile expected ${HOUSEHOLD_FORMS[i]}`);
          const data = outcome === 'SUBMIT' ? freshApplication(application) : evidence[i];
          task = (await runtime.completeTask({ taskId: task.id, outcome, actor: actors[who], data, comment: '同意' })).openedTasks[0];
        }
      }
      return PATH.length + 1;
    };
    const drive = async (count: number, runOne: () => Promise<number> = runCase) => {
      let next = 0;
      let steps = 0;
      await Promise.all(Array.from({ length: DRIVERS }, async () => {
        while (next++ < count) {
          // Not `steps += await …`: that reads `steps` before the await and loses the other drivers' counts.
          const taken = await runOne();
          steps += taken;
        }
      }));
      return steps;
    };

    /** Steps, seconds, statements and CPU per step of `count` cases of `runOne` with 8 drivers. */
    const accounted = async (runOne: () => Promise<number>) => {
      await db.pool.query('SELECT pg_stat_statements_reset()');
      const pg0 = postgresCpuSeconds(server.pid);
      const app0 = process.cpuUsage();
      const started = performance.now();
      const taken = await drive(CASES, runOne);
      const elapsed = (performance.now() - started) / 1000;
      const app = process.cpuUsage(app0);
      const pg1 = postgresCpuSeconds(server.pid);
      const { rows: [calls] } = await db.pool.query(`SELECT sum(calls)::bigint AS calls FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`);
      return {
        steps: taken, seconds: elapsed, statements: Number(calls.calls) / taken, appMs: ((app.user + app.system) / 1000) / taken,
        pgMs: pg0 !== undefined && pg1 !== undefined ? ((pg1 - pg0) * 1000) / taken : undefined,
      };
    };

    await drive(WARMUP_CASES); // warm-up: compiled forms, prepared statements and their plans, JIT
    await db.pool.query('SELECT pg_stat_statements_reset()');
    await db.pool.query('SELECT pg_stat_reset()');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const pgCpu0 = postgresCpuSeconds(server.pid);
    const appCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const steps = await drive(CASES);
    const seconds = (performance.now() - t0) / 1000;
    const appCpu = process.cpuUsage(appCpu0);
    const pgCpu1 = postgresCpuSeconds(server.pid);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[] } };
    session.disconnect();
    if (process.env.JZ_PROFILE_OUT) writeFileSync(process.env.JZ_PROFILE_OUT, JSON.stringify(profile));

    const { rows: statements } = await db.pool.query(`
      SELECT calls, total_exec_time AS total, mean_exec_time AS mean, plans, mean_plan_time AS mean_plan, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT ${Number(process.env.JZ_PROFILE_STATEMENTS ?? 14)}`);
    const { rows: [all] } = await db.pool.query(`SELECT sum(calls)::bigint AS calls, sum(total_exec_time) AS total, sum(total_plan_time) AS planning FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`);
    console.log(`\nprofile: ${CASES} cases, ${steps} steps in ${seconds.toFixed(1)} s = ${(steps / seconds).toFixed(0)} steps/s (8 drivers)`);
    console.log(`database: ${(Number(all.calls) / steps).toFixed(1)} statements per step, ${(Number(all.total) / steps).toFixed(2)} ms of execution and ${(Number(all.planning) / steps).toFixed(2)} ms of planning per step`);
    const appMs = ((appCpu.user + appCpu.system) / 1000) / steps;
    const pgMs = pgCpu0 !== undefined && pgCpu1 !== undefined ? ((pgCpu1 - pgCpu0) * 1000) / steps : undefined;
    console.log(`CPU per step: app (this process, drivers included) ${appMs.toFixed(2)} ms, PostgreSQL ${pgMs === undefined ? 'n/a' : `${pgMs.toFixed(2)} ms`}` +
      ` (load average ${loadavg()[0].toFixed(1)}; ${cpus().length} cores give ${((cpus().length * 1000) / (appMs + (pgMs ?? 0))).toFixed(0)} steps/s at most at this cost)\n`);
    const uploadPgMs = uploadPgCpu0 !== undefined && uploadPgCpu1 !== undefined ? `${(((uploadPgCpu1 - uploadPgCpu0) * 1000) / stock.files).toFixed(2)} ms` : 'n/a';
    console.log(`${stock.summary()}; CPU per file: app ${(((uploadCpu.user + uploadCpu.system) / 1000) / stock.files).toFixed(2)} ms, PostgreSQL ${uploadPgMs}\n`);
    console.log('| statement | calls/step | mean ms | plans per call | mean planning ms | share of DB time |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const s of statements) {
      console.log(`| \`${String(s.query).slice(0, Number(process.env.JZ_PROFILE_QUERY_CHARS ?? 90)).replace(/\|/g, '/')}\` | ${(Number(s.calls) / steps).toFixed(2)} | ${Number(s.mean).toFixed(3)} | ` +
        `${(Number(s.plans) / Number(s.calls)).toFixed(2)} | ${Number(s.mean_plan).toFixed(3)} | ${((Number(s.total) / Number(all.total)) * 100).toFixed(1)} % |`);
    }
    // Updates that had to write every index of the table (not HOT) cost an index entry per index.
    // An automatic ANALYZE of a table drops the cached plans of every statement that reads or writes it:
    // each such prepared statement is planned again on each connection (the plans column above).
    const { rows: tables } = await db.pool.query(`SELECT relname, n_live_tup, n_tup_ins, n_tup_upd, n_tup_hot_upd, autoanalyze_count,
        (SELECT count(*) FROM pg_index x WHERE x.indrelid = s.relid) AS indexes
      FROM pg_stat_user_tables s WHERE relname IN ('instances', 'tasks', 'notifications', 'messages', 'timers', 'attachments', 'history') ORDER BY relname`);
    console.log('\n| table | rows | inserts/step | updates/step | HOT updates | indexes | automatic analyses |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const t of tables) {
      console.log(`| ${t.relname} | ${t.n_live_tup} | ${(Number(t.n_tup_ins) / steps).toFixed(2)} | ${(Number(t.n_tup_upd) / steps).toFixed(2)} | ` +
        `${Number(t.n_tup_upd) ? ((Number(t.n_tup_hot_upd) / Number(t.n_tup_upd)) * 100).toFixed(0) : 0} % | ${t.indexes} | ${t.autoanalyze_count} |`);
    }
    // The bare baseline (bench/support/bare-xstate.ts) on the same database, with the same CPU and
    // statement accounting: where the engine's step costs more than the hand-written one.
    const { rows: [def] } = await db.pool.query(`SELECT id, key, version, document FROM definitions WHERE key = 'household-identification' AND status = 'published' ORDER BY version DESC LIMIT 1`);
    const barePool = new Pool({ connectionString: url.toString(), max: DRIVERS + 2 });
    const bareCase = bareCaseDriver(bareContextOf(barePool, def, services.config.tenantId, actors.clerk), loadApplicationExample(root), examples, 6);
    await drive(WARMUP_CASES, bareCase);
    // Under the same sampling profiler as the engine's phase (its samples are not kept), so the
    // profiler's own cost falls on both sides of the comparison.
    const bareSession = new Session();
    bareSession.connect();
    await bareSession.post('Profiler.enable');
    await bareSession.post('Profiler.setSamplingInterval', { interval: 200 });
    await bareSession.post('Profiler.start');
    const bare = await accounted(bareCase);
    await bareSession.post('Profiler.stop');
    bareSession.disconnect();
    await barePool.end();
    console.log(`\nbare xstate (same database, ${CASES} cases): ${(bare.steps / bare.seconds).toFixed(0)} steps/s; ${bare.statements.toFixed(1)} statements per step; ` +
      `CPU per step: app ${bare.appMs.toFixed(2)} ms, PostgreSQL ${bare.pgMs === undefined ? 'n/a' : `${bare.pgMs.toFixed(2)} ms`}`);
    console.log(`engine vs bare xstate: ${((steps / seconds) / (bare.steps / bare.seconds)).toFixed(2)}× the rate; CPU per step app ${(appMs / bare.appMs).toFixed(2)}×, ` +
      `PostgreSQL ${pgMs !== undefined && bare.pgMs !== undefined ? `${(pgMs / bare.pgMs).toFixed(2)}×` : 'n/a'}`);

    const cpu = summarise(profile);
    console.log('\n| app CPU by area (self time) | share |');
    console.log('|---|---:|');
    for (const [area, n] of [...cpu.byArea].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`| ${area} | ${((n / cpu.total) * 100).toFixed(1)} % |`);
    console.log('\n| hottest functions (self time) | share |');
    console.log('|---|---:|');
    for (const [fn, n] of [...cpu.byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${fn.trim().slice(0, 100).replace(/\|/g, '/')} | ${((n / cpu.total) * 100).toFixed(1)} % |`);
    await services.close();
  } catch (err) {
    // Printed before the server stops: stopping it makes the queue's connections fail loudly too.
    console.error(err);
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
