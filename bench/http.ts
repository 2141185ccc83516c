/**
 * The household path through the HTTP API against the same path through the in-process engine,
 * in one run on one embedded PostgreSQL.
 *
 * The app runs as `npm start` does (`server/src/main.ts`) in its own process on loopback, so it has a
 * process to itself as the in-process engine measurement has, and the clients' own cost (fetch,
 * parsing the answers) stays in this process. Three demo users
 * log in once each (village clerk, town and county reviewer; `POST /api/auth/login` answers the
 * CSRF token, the session is a cookie); 8 concurrent clients then file household cases with
 * `POST /api/instances` and work them with `POST /api/tasks/:id/complete` (form validation, org
 * scope, the step), each case with fresh ID numbers. Each request carries what the web client sends
 * with every submission: a fresh `Idempotency-Key` (the key is written by the step, so a resend from
 * a phone's queue is carried out once) and `Prefer: return=minimal` (the answer is the step's summary
 * with the tasks it opened).
 * Each step's evidence is uploaded before the timed phases (an upload is its own use case; its rate
 * is printed as `uploads: <files>/s`), and bound to the case by the step. The notice
 * period's timer is made due and delivered by the runtime, as its worker would, in both
 * measurements: 8 of the 9 steps of a case are HTTP requests and all 9 are counted in both.
 * The machine's 2 cores are shared by the app, its clients and PostgreSQL.
 * After the rounds, the app's CPU per request is measured for requests that take no step (liveness,
 * the caller's user, a completion of no task): what the HTTP layer costs beside the step.
 *
 * Knobs: BENCH_WARMUP_CASES (cases run before the measurements, default 160), BENCH_INSTANCES (cases per measurement, default 300), BENCH_CLIENTS (8),
 * BENCH_MEMBERS (household size of the application, default 6), BENCH_PHASE_SECONDS (no new case
 * after this, default 40), BENCH_ROUNDS (alternating rounds of the two measurements, default 3; each
 * side's rate is its steps over its time in all rounds).
 * Last line: `http: <steps/s> steps/s, engine: <steps/s> steps/s, ratio <http ÷ engine>`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '../server/src/config';
import { startServices } from '../server/src/services';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';
import { engineCase, EvidenceStock, householdActors, measure, percentile, pooled, progress, silentLogger, STEPS_PER_CASE, WARMUP_CASES } from './support/drive';
import type { Measurement } from './support/drive';
import { formExamples, loadApplicationExample } from './support/household-forms';
import { closeHttpClients, householdCaseOverHttp } from './support/http-case';
import { login } from './support/http-session';
import { httpFloor } from './support/http-floor';
import { postgresCpuSeconds, processCpuSeconds, processPeakRssMb } from './support/process-cpu';
import { spawnApp } from './support/spawn-app';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 300);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 6);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'bench-Pass-2026';
const root = resolve(__dirname, '..');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-http-'));
  chmodSync(dir, 0o755);
  const loadAtStart = loadavg()[0];
  progress(`starting PostgreSQL in ${dir}`);
  // pg_stat_statements says which statements the HTTP path adds to the step's.
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'), settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top', 'pg_stat_statements.max': '5000' },
  });
  let exitCode = 0;
  let stopApp = () => undefined as void;
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_bench_http');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/jz_bench_http';
    const services = await startServices({
      config: parseConfig({ DATABASE_URL: url.toString(), JZ_DEMO_PASSWORD: PASSWORD, NODE_ENV: 'development' }, root),
      logger: silentLogger, sweepIntervalMs: 0,
    });
    // BENCH_APP_NODE_ARGS passes options to the app's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const { child: app, base } = await spawnApp(root, {
      // Log lines as a deployment writes them (JSON, synchronously): the development default pretty-prints them in a worker thread.
      env: { DATABASE_URL: url.toString(), JZ_DEMO_PASSWORD: PASSWORD, NODE_ENV: 'development', LOG_FORMAT: 'json', PORT: '0', HOST: '127.0.0.1' },
      logFile: join(dir, 'app.log'), nodeArgs,
    });
    stopApp = () => { app.kill('SIGINT'); };
    progress(`app (its own process) listening on ${base}`);

    const examples = formExamples(root);
    const application = loadApplicationExample(root);
    const actors = await householdActors(services);
    // One login per user for the whole run, shared by every client.
    const sessions = { clerk: await login(base, 'cun-dongyuan', PASSWORD), town: await login(base, 'zhen-huacheng', PASSWORD), county: await login(base, 'xian', PASSWORD) };
    progress('logged in as cun-dongyuan, zhen-huacheng and xian');

    // Every case's evidence is uploaded before the timed phases (the upload is its own use case, measured apart).
    const stock = new EvidenceStock(services, actors, examples);
    const cases = 2 * (ROUNDS * Math.ceil(INSTANCES / ROUNDS) + WARMUP_CASES);
    progress(`uploading the evidence of ${cases} cases`);
    await stock.fill(cases, CLIENTS);
    const requestLatencies: number[] = [];
    const httpCase = (startLatencies: number[]): Promise<number> => householdCaseOverHttp({
      base: () => base, sessions, actors, stock, services, application, examples, members: MEMBERS, startLatencies, completeLatencies: requestLatencies,
    });
    const options = { count: INSTANCES, drivers: CLIENTS, maxSeconds: PHASE_SECONDS };

    progress('warm-up');
    await measure('warm-up, engine', { ...options, count: WARMUP_CASES }, engineCase(services, actors, application, stock, MEMBERS));
    await measure('warm-up, http', { ...options, count: WARMUP_CASES }, httpCase);
    requestLatencies.length = 0;

    // The in-process engine and the HTTP path in alternating rounds (engine, http, engine…), so that
    // drift of the shared machine falls on both; each side's rate is its steps over its time in all rounds.
    const perRound = { ...options, count: Math.ceil(INSTANCES / ROUNDS) };
    progress(`${ROUNDS} alternating rounds of ${perRound.count} cases each, ${MEMBERS}-member households, ${CLIENTS} concurrent drivers`);
    // CPU of each process: it hardly moves when other work shares the cores, unlike steps/s.
    const cpuNow = () => ({ bench: process.cpuUsage(), app: processCpuSeconds(app.pid) ?? NaN, pg: postgresCpuSeconds(server.pid) ?? NaN });
    const cpuSpent = { engine: { bench: 0, app: 0, pg: 0 }, http: { bench: 0, app: 0, pg: 0 } };
    const counted = async (side: 'engine' | 'http', label: string, driveOne: (startLatencies: number[]) => Promise<number>) => {
      const from = cpuNow();
      const m = await measure(label, perRound, driveOne);
      const to = cpuNow();
      const bench = process.cpuUsage(from.bench);
      cpuSpent[side].bench += (bench.user + bench.system) / 1e6;
      cpuSpent[side].app += to.app - from.app;
      cpuSpent[side].pg += to.pg - from.pg;
      return m;
    };
    // The statements of the http rounds only: each is read out after its round and added up.
    await services.db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const byStatement = new Map<string, { calls: number; total: number }>();
    const rounds: Record<'engine' | 'http', Measurement[]> = { engine: [], http: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      rounds.engine.push(await counted('engine', `round ${round}, engine (in-process)`, engineCase(services, actors, application, stock, MEMBERS)));
      await services.db.pool.query('SELECT pg_stat_statements_reset()');
      rounds.http.push(await counted('http', `round ${round}, http`, httpCase));
      const { rows } = await services.db.pool.query(`
        SELECT calls, total_exec_time AS total, regexp_replace(query, '\\s+', ' ', 'g') AS query
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`);
      for (const r of rows) {
        const seen = byStatement.get(r.query) ?? { calls: 0, total: 0 };
        byStatement.set(r.query, { calls: seen.calls + Number(r.calls), total: seen.total + Number(r.total) });
      }
    }
    const engine = pooled(rounds.engine);
    const overHttp = pooled(rounds.http);
    const perStep = (side: 'engine' | 'http', steps: number) => {
      const ms = (seconds: number) => ((seconds * 1000) / steps).toFixed(2);
      return { bench: ms(cpuSpent[side].bench), app: ms(cpuSpent[side].app), pg: ms(cpuSpent[side].pg) };
    };
    const engineCpu = perStep('engine', engine.steps);
    const httpCpu = perStep('http', overHttp.steps);
    progress('the HTTP layer alone: requests that take no step');
    const floor = await httpFloor(base, app.pid!, sessions.clerk, CLIENTS);
    const statements = [...byStatement].map(([query, v]) => ({ query, calls: v.calls, total: v.total, mean: v.total / v.calls })).sort((a, b) => b.total - a.total);

    closeHttpClients();
    stopApp();
    await services.close();

    const starts = [...overHttp.startLatencies].sort((a, b) => a - b);
    const completes = [...requestLatencies].sort((a, b) => a - b);
    console.log('');
    console.log(`machine: ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} before the run (well above 0 means other work shared the cores: figures then are not comparable)`);
    console.log(`cases: ${overHttp.cases} over HTTP and ${engine.cases} in-process, ${STEPS_PER_CASE} steps each (${MEMBERS}-member household), ${CLIENTS} concurrent clients`);
    console.log(`POST /api/instances: p50 ${percentile(starts, 50).toFixed(1)} ms, p99 ${percentile(starts, 99).toFixed(1)} ms`);
    console.log(`POST /api/tasks/:id/complete: p50 ${percentile(completes, 50).toFixed(1)} ms, p99 ${percentile(completes, 99).toFixed(1)} ms (${completes.length} requests)`);
    const dbTotal = statements.reduce((sum, r) => sum + Number(r.total), 0);
    const dbCalls = statements.reduce((sum, r) => sum + Number(r.calls), 0);
    console.log(`database during the http phase: ${(dbCalls / overHttp.steps).toFixed(1)} statements per step, ${(dbTotal / overHttp.steps).toFixed(2)} ms of execution per step`);
    console.log('| statement | calls/step | mean ms | share of DB time |');
    console.log('|---|---:|---:|---:|');
    for (const r of statements.slice(0, 16)) {
      console.log(`| \`${String(r.query).slice(0, 90).replace(/\|/g, '/')}\` | ${(Number(r.calls) / overHttp.steps).toFixed(2)} | ${Number(r.mean).toFixed(3)} | ${((Number(r.total) / dbTotal) * 100).toFixed(1)} % |`);
    }
    console.log(`CPU per step, in-process engine: this process (engine and drivers) ${engineCpu.bench} ms, PostgreSQL ${engineCpu.pg} ms (the idle app process ${engineCpu.app} ms)`);
    console.log(`CPU per step, http: app process ${httpCpu.app} ms, this process (clients, timer delivery) ${httpCpu.bench} ms, PostgreSQL ${httpCpu.pg} ms`);
    console.log(floor);
    const appPeak = processPeakRssMb(app.pid);
    if (appPeak !== undefined) console.log(`app process (npm start's server) peak RSS: ${appPeak.toFixed(0)} MB, after all rounds`);
    console.log(stock.summary());
    console.log(`rounds (http / engine steps/s): ${rounds.http.map((m, i) => `${m.rate.toFixed(0)}/${rounds.engine[i].rate.toFixed(0)}`).join(', ')}; ratio by round ${rounds.http.map((m, i) => (m.rate / rounds.engine[i].rate).toFixed(2)).join(' / ')}`);
    console.log(`http: ${overHttp.rate.toFixed(0)} steps/s, engine: ${engine.rate.toFixed(0)} steps/s, ratio ${(overHttp.rate / engine.rate).toFixed(2)}`);
  } catch (err) {
    console.error(err);
    exitCode = 1;
  } finally {
    stopApp();
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
