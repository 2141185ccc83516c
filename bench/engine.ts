/**
 * Engine throughput against two baselines on the same embedded PostgreSQL:
 *
 * - bare XState on PostgreSQL (bench/support/bare-xstate.ts): the same household machine through
 *   xstate's pure `transition()`, each step a hand-written transaction (lock the instance row,
 *   restore, transition, update the snapshot, close a task, open the next, one history row) with
 *   no form validation, no checks and no domain records;
 * - bpmn-engine 25 on PostgreSQL (bench/support/bpmn-baseline.ts): the household path's shape as BPMN
 *   (seven user tasks and the notice timer), each step recovering the engine from the case's stored
 *   state, signalling the waiting task and storing the new state in one transaction;
 * - the database's own TPC-B rate (pgbench, 1 and 8 clients).
 *
 * The engine drives household-identification cases through all 9 steps (start, 7 task
 * completions with form validation, the 7-day notice timer), each step a committed transaction,
 * with 8 concurrent drivers; every case files a fresh household (an ID number belongs to one open
 * case only). The steps' evidence (visit and posting photos, scans) is uploaded by the submitting
 * users before the timed phases, because an upload is its own use case: its rate is printed on its
 * own line (`uploads: <files>/s`); each step still validates its form and binds its evidence to the
 * case in its own statement. It is measured with the form's 6-member example, then with 2- and 20-member
 * households, then with 10k cases already stored and, in a second database on the same server, JZ_BENCH_BIG
 * (default 1,000,000), the two measured in alternating rounds.
 *
 * Knobs: BENCH_WARMUP_CASES (cases run before the measurements, default 160), BENCH_INSTANCES (cases in the main measurements, default 400), BENCH_VARIANT_INSTANCES
 * (cases per form-size and table-size measurement, default 120), BENCH_DRIVERS (8),
 * BENCH_PHASE_SECONDS (a measurement stops starting cases after this, default 30),
 * JZ_BENCH_BIG (cases stored in a second database for the large-table measurement, default 1000000; 0 skips it),
 * BENCH_MAIN_ROUNDS (alternating rounds of the engine and its baselines in the main measurement, default 3; each side's steps over its time in all rounds),
 * BENCH_GROWTH_ROUNDS (alternating rounds of the 10k and large-table measurements, default 3; the median is reported),
 * BENCH_PGBENCH_SECONDS (per pgbench run, default 10), BENCH_BPMN_INSTANCES (bpmn-engine cases, default 80).
 * Last lines: `uploads: <files>/s …`, `bpmn-engine: <steps/s> steps/s …`, `engine vs bpmn-engine: ratio <r> …`,
 * `bare-xstate: <steps/s> steps/s`, `engine vs bare xstate: ratio <r>`, then
 * `engine: <steps/s> steps/s, pgbench: <tps> tps, ratio <steps/s ÷ tps>`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { parseConfig } from '../server/src/config';
import { startServices } from '../server/src/services';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';
import { bareCaseDriver, bareContextOf } from './support/bare-xstate';
import { bpmnCaseDriver, createBpmnTable } from './support/bpmn-baseline';
import { cpuPerStep, engineCase, EvidenceStock, householdActors, measure as measureDrivers, percentile, pooled, progress, silentLogger, STEPS_PER_CASE, WARMUP_CASES } from './support/drive';
import { postgresCpuSeconds, waitedChildrenCpuSeconds } from './support/process-cpu';
import type { Measurement } from './support/drive';
import { formExamples, loadApplicationExample } from './support/household-forms';
import { seedCases } from './support/seed-cases';
import type { SeedTemplate } from './support/seed-cases';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 400);
const VARIANT_INSTANCES = Number(process.env.BENCH_VARIANT_INSTANCES ?? 120);
const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 8);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 30);
const BIG = Number(process.env.JZ_BENCH_BIG ?? 1_000_000);
const SMALL = 10_000;
const GROWTH_ROUNDS = Number(process.env.BENCH_GROWTH_ROUNDS ?? 3);
const MAIN_ROUNDS = Number(process.env.BENCH_MAIN_ROUNDS ?? 3);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);
const BPMN_INSTANCES = Number(process.env.BENCH_BPMN_INSTANCES ?? 80);
const BPMN_WARMUP_CASES = 16;
/** bpmn-engine's steps per second where the target was set (the issue's table, another machine and day). */
const BPMN_ISSUE_FIGURE = 153;
const root = resolve(__dirname, '..');

/** A pgbench TPC-B run: its rate and, when taken, the CPU milliseconds per transaction of pgbench itself and of PostgreSQL. */
interface PgbenchRun {
  tps: number;
  cpu?: { client: number; db: number };
}

function pgbench(url: URL, clients: number, postgresPid: number | undefined): PgbenchRun {
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const args = ['-h', url.hostname, '-p', url.port, '-U', url.username, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(PGBENCH_SECONDS), '-n', 'pgbench'];
  const client0 = waitedChildrenCpuSeconds();
  const db0 = postgresCpuSeconds(postgresPid);
  const out = execFileSync('/usr/bin/pgbench', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const client1 = waitedChildrenCpuSeconds();
  const db1 = postgresCpuSeconds(postgresPid);
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
  const cpu = client0 !== undefined && client1 !== undefined && db0 !== undefined && db1 !== undefined && transactions > 0
    ? { client: ((client1 - client0) * 1000) / transactions, db: ((db1 - db0) * 1000) / transactions } : undefined;
  return { tps: Number(match[1]), cpu };
}

/** The bench's PostgreSQL (its postmaster), whose CPU each measurement takes with this process's. */
let postgresPid: number | undefined;

const measure = (label: string, count: number, driveOne: (latencies: number[]) => Promise<number>) =>
  measureDrivers(label, { count, drivers: DRIVERS, maxSeconds: PHASE_SECONDS, postgresPid }, driveOne);

/**
 * What each side costs per step in CPU (this process: the side and its drivers; PostgreSQL: all its
 * processes) in the main rounds, and pgbench per transaction; then the rate the machine's cores
 * allow at that cost and the cost per step each target asks for. On a machine where the cores are
 * the limit, the ratios follow the costs: they say which cost stands between the engine and a target.
 */
function costLines(main: { engine: Measurement; bare: Measurement; bpmn: Measurement }, tpcb: PgbenchRun, cores: number): string[] {
  const engine = cpuPerStep(main.engine);
  const bare = cpuPerStep(main.bare);
  const bpmn = cpuPerStep(main.bpmn);
  if (!engine || !bare || !bpmn || !tpcb.cpu) return ['CPU per step: not measured (no /proc here)'];
  const ms = (n: number) => n.toFixed(2);
  const side = (c: { app: number; db: number }) => `${ms(c.app)} + ${ms(c.db)} = ${ms(c.app + c.db)} ms`;
  const total = (c: { app: number; db: number }) => c.app + c.db;
  const tpcbTotal = tpcb.cpu.client + tpcb.cpu.db;
  const allowed = (costMs: number) => ((cores * 1000) / costMs).toFixed(0);
  return [
    `CPU per step in the main rounds (this process + PostgreSQL): engine ${side(engine)}; bare xstate ${side(bare)}; bpmn-engine ${side(bpmn)}`,
    `CPU per pgbench TPC-B transaction (8 clients): pgbench ${ms(tpcb.cpu.client)} + PostgreSQL ${ms(tpcb.cpu.db)} = ${ms(tpcbTotal)} ms`,
    `${cores} cores at these costs allow: engine ${allowed(total(engine))} steps/s, bare xstate ${allowed(total(bare))}, bpmn-engine ${allowed(total(bpmn))}, pgbench ${allowed(tpcbTotal)} tps`,
    `cost per step each target asks for: ≤ ${ms(total(bare))} ms (1.0× bare xstate), ≤ ${ms((cores * 1000) / (10 * BPMN_ISSUE_FIGURE))} ms (10× the issue's bpmn-engine figure), ≤ ${ms(tpcbTotal / 0.6)} ms (0.6× pgbench); the engine's is ${ms(total(engine))} ms`,
  ];
}

/** One bench database: the app's services on it, its drivers' actors and evidence, and the two kinds of case. */
async function openBench(url: URL) {
  const services = await startServices({
    config: parseConfig({ DATABASE_URL: url.toString(), JZ_DEMO_PASSWORD: 'bench-Pass-1' }, root),
    logger: silentLogger, sweepIntervalMs: 0,
  });
  const { db } = services;
  // The bench's own connections (the bare baseline's) must not crash the process when the server stops.
  const barePool = new Pool({ connectionString: url.toString(), max: DRIVERS + 2 });
  barePool.on('error', () => undefined);

  const examples = formExamples(root);
  const application = loadApplicationExample(root);
  const actors = await householdActors(services);
  const { clerk } = actors;
  // Every case's evidence is uploaded before the timed phases: the upload is its own use case, measured apart.
  const stock = new EvidenceStock(services, actors, examples);
  const engineCaseOf = (members: number) => engineCase(services, actors, application, stock, members);

  // The bare baseline writes into the same tables, as the same village clerk.
  const { rows: [def] } = await db.pool.query(`SELECT id, key, version, document FROM definitions WHERE key = 'household-identification' AND status = 'published' ORDER BY version DESC LIMIT 1`);
  const bare = bareContextOf(barePool, def, services.config.tenantId, clerk);
  const bareCase = (members: number) => bareCaseDriver(bare, application, examples, members);
  await createBpmnTable(db.pool);
  const bpmnCase = (members: number) => bpmnCaseDriver(db, application, examples, members);
  const stored = async () => (await db.pool.query('SELECT count(*)::int AS n FROM instances')).rows[0].n as number;
  const close = async () => {
    await barePool.end().catch(() => undefined);
    await services.close();
  };
  return { services, db, def: def as { id: string; document: SeedTemplate['document'] }, stock, engineCaseOf, bareCase, bpmnCase, stored, close };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-'));
  chmodSync(dir, 0o755);
  const loadAtStart = loadavg()[0];
  progress(`starting PostgreSQL in ${dir}`);
  // A larger WAL keeps checkpoints from interrupting the bulk seeding of the large tables.
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), settings: { max_wal_size: '4GB' } });
  postgresPid = server.pid;
  const serverUrl = new URL(server.url);
  let exitCode = 0;
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_bench');
    await admin.query('CREATE DATABASE pgbench');
    await admin.end();
    const appUrl = new URL(server.url);
    appUrl.pathname = '/jz_bench';
    const main = await openBench(appUrl);
    const { db, stock, engineCaseOf, bareCase, bpmnCase } = main;

    // The app's memory is sampled up to the end of the engine's first round: the baselines run in this
    // process too, and what bpmn-engine's cases leave on the heap would count as the app's.
    let peakRss = process.memoryUsage().rss;
    const rssProbe = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

    const engineCases = WARMUP_CASES + MAIN_ROUNDS * Math.ceil(INSTANCES / MAIN_ROUNDS) + 2 * VARIANT_INSTANCES + GROWTH_ROUNDS * VARIANT_INSTANCES;
    progress(`uploading the evidence of ${engineCases} cases (not timed with the steps)`);
    await stock.fill(engineCases, DRIVERS);
    progress(stock.summary());

    // Warm-up: compile forms and the machine, fill the pools.
    progress('warm-up');
    await measure('warm-up, engine', WARMUP_CASES, engineCaseOf(6));
    await measure('warm-up, bare xstate', WARMUP_CASES, bareCase(6));

    // The engine and its two baselines in alternating rounds (engine, bare, bpmn-engine, engine…), so
    // that drift of the shared machine falls on all three; each side's rate is its steps over its time in all rounds.
    const perRound = Math.ceil(INSTANCES / MAIN_ROUNDS);
    const bpmnPerRound = Math.ceil(BPMN_INSTANCES / MAIN_ROUNDS);
    progress(`engine, bare xstate and bpmn-engine, 6-member household (the form's example): ${MAIN_ROUNDS} alternating rounds of ${perRound} cases (bpmn-engine ${bpmnPerRound})`);
    const rounds: Record<'engine' | 'bare' | 'bpmn', Measurement[]> = { engine: [], bare: [], bpmn: [] };
    for (let round = 1; round <= MAIN_ROUNDS; round++) {
      rounds.engine.push(await measure(`round ${round}, engine, 6 members`, perRound, engineCaseOf(6)));
      clearInterval(rssProbe);
      rounds.bare.push(await measure(`round ${round}, bare xstate, 6 members`, perRound, bareCase(6)));
      if (round === 1) await measure('warm-up, bpmn-engine', BPMN_WARMUP_CASES, bpmnCase(6));
      rounds.bpmn.push(await measure(`round ${round}, bpmn-engine, 6 members`, bpmnPerRound, bpmnCase(6)));
    }
    const engine = pooled(rounds.engine);
    const bareMain = pooled(rounds.bare);
    const bpmn = pooled(rounds.bpmn);
    const perRoundRatios = rounds.engine.map((m, i) => `${(m.rate / rounds.bare[i].rate).toFixed(2)}`).join(' / ');

    progress(`form size: 2- and 20-member households, ${VARIANT_INSTANCES} cases each`);
    const forms = {
      engine2: await measure('engine, 2 members', VARIANT_INSTANCES, engineCaseOf(2)),
      engine20: await measure('engine, 20 members', VARIANT_INSTANCES, engineCaseOf(20)),
      bare2: await measure('bare xstate, 2 members', VARIANT_INSTANCES, bareCase(2)),
      bare20: await measure('bare xstate, 20 members', VARIANT_INSTANCES, bareCase(20)),
    };

    // Table size: SMALL cases stored in this database, BIG in a second one on the same server, measured
    // in alternating rounds (small, big, small, big…) so that drift of the shared machine falls on both.
    // A real running case is the template of the seeded ones.
    const { rows: [sample] } = await db.pool.query(
      `SELECT snapshot, data FROM instances WHERE definition_id = $1 AND status = 'running' AND state = '"townReview"' LIMIT 1`, [main.def.id]);
    const seedTo = async (bench: typeof main, url: URL, size: number) => {
      const have = await bench.stored();
      if (have < size) {
        const template = { definitionId: bench.def.id, document: bench.def.document, snapshot: sample?.snapshot ?? {}, data: sample?.data ?? {} };
        const t0 = performance.now();
        let lastReport = t0;
        progress(`seeding ${size - have} cases to reach ${size} stored in ${url.pathname.slice(1)}`);
        await seedCases(url.toString(), template, size - have, (done) => {
          if (performance.now() - lastReport > 5000 || done === size - have) {
            lastReport = performance.now();
            progress(`  seeded ${done} of ${size - have} (${(done / ((performance.now() - t0) / 1000)).toFixed(0)} cases/s)`);
          }
        }, { log: (message) => progress(`  ${message}`) });
        progress(`seeding done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      // A database in service is vacuumed and checkpointed as it goes; right after a bulk seed it is not.
      // Without this, autovacuum's first pass over the seeded rows (and setting their hint bits) runs
      // during the measurement, on the same two cores, and is counted as the cost of stored cases.
      const tv = performance.now();
      await bench.db.pool.query('VACUUM (ANALYZE)');
      await bench.db.pool.query('CHECKPOINT');
      progress(`vacuumed and checkpointed in ${((performance.now() - tv) / 1000).toFixed(1)} s`);
      return bench.stored();
    };
    const tables: Array<{ bench: typeof main; size: number; engine: Measurement[]; bare: Measurement[] }> = [
      { bench: main, size: await seedTo(main, appUrl, SMALL), engine: [], bare: [] },
    ];
    if (BIG > SMALL) {
      const bigUrl = new URL(server.url);
      bigUrl.pathname = '/jz_bench_big';
      const admin = new Client({ connectionString: server.url });
      await admin.connect();
      await admin.query('CREATE DATABASE jz_bench_big');
      await admin.end();
      const big = await openBench(bigUrl);
      progress(`uploading the evidence of ${WARMUP_CASES + GROWTH_ROUNDS * VARIANT_INSTANCES} cases in jz_bench_big`);
      await big.stock.fill(WARMUP_CASES + GROWTH_ROUNDS * VARIANT_INSTANCES, DRIVERS);
      await measure('warm-up, engine (jz_bench_big)', WARMUP_CASES, big.engineCaseOf(6));
      await measure('warm-up, bare xstate (jz_bench_big)', WARMUP_CASES, big.bareCase(6));
      tables.push({ bench: big, size: await seedTo(big, bigUrl, BIG), engine: [], bare: [] });
    }
    for (let round = 1; round <= GROWTH_ROUNDS; round++) {
      for (const table of tables) table.engine.push(await measure(`round ${round}, engine at ${table.size} stored`, VARIANT_INSTANCES, table.bench.engineCaseOf(6)));
      for (const table of tables) table.bare.push(await measure(`round ${round}, bare xstate at ${table.size} stored`, VARIANT_INSTANCES, table.bench.bareCase(6)));
    }
    const median = (runs: Measurement[]) => [...runs].sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)];
    const growth = tables.map((t) => ({ size: t.size, engine: median(t.engine), bare: median(t.bare), rounds: t.engine.map((m) => m.rate.toFixed(0)).join(' / ') }));
    const { rows: [sizes] } = await tables[tables.length - 1].bench.db.pool.query(
      `SELECT pg_size_pretty(pg_total_relation_size('instances')) AS instances, pg_size_pretty(pg_total_relation_size('tasks')) AS tasks,
              pg_size_pretty(pg_total_relation_size('history')) AS history`);
    for (const table of tables.slice(1)) await table.bench.close();
    await main.close();

    progress('pgbench TPC-B on the same server');
    const bench = { ...process.env, PGPASSWORD: decodeURIComponent(serverUrl.password) };
    execFileSync('/usr/bin/pgbench', ['-i', '-q', '-s', '8', '-h', serverUrl.hostname, '-p', serverUrl.port, '-U', serverUrl.username, 'pgbench'], { env: bench, stdio: 'ignore' });
    const tps1 = pgbench(serverUrl, 1, postgresPid).tps;
    const tpcb8 = pgbench(serverUrl, 8, postgresPid);
    const tps8 = tpcb8.tps;

    const sorted = [...engine.startLatencies].sort((a, b) => a - b);
    const r = (m: Measurement) => `${m.rate.toFixed(0)} steps/s`;
    console.log('');
    console.log(`machine: ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} before the run (well above 0 means other work shared the cores: figures then are not comparable)`);
    console.log(`instances: ${engine.cases} × ${STEPS_PER_CASE} steps with ${DRIVERS} drivers in ${engine.seconds.toFixed(1)} s (6-member household, fresh ID numbers per case)`);
    console.log(`instance start: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
    console.log(`app peak RSS: ${(peakRss / 1048576).toFixed(0)} MB (target ≤ 250 MB)`);
    console.log(`form size (application with 2 / 6 / 20 members): engine ${r(forms.engine2)} / ${r(engine)} / ${r(forms.engine20)}; bare xstate ${r(forms.bare2)} / ${r(bareMain)} / ${r(forms.bare20)}`);
    console.log(`  20 vs 2 members: engine ${(forms.engine20.rate / forms.engine2.rate).toFixed(2)}×, bare xstate ${(forms.bare20.rate / forms.bare2.rate).toFixed(2)}×`);
    for (const g of growth) {
      console.log(`stored cases ${g.size.toLocaleString('en-US')}: engine ${r(g.engine)} (median of ${GROWTH_ROUNDS} alternating rounds: ${g.rounds}), bare xstate ${r(g.bare)}, engine vs bare ${(g.engine.rate / g.bare.rate).toFixed(2)}`);
    }
    if (growth.length === 2) {
      const [small, big] = growth;
      console.log(`stored cases ${big.size.toLocaleString('en-US')} vs ${small.size.toLocaleString('en-US')}: engine ${(big.engine.rate / small.engine.rate).toFixed(2)}×, bare xstate ${(big.bare.rate / small.bare.rate).toFixed(2)}× (target: engine ≥ 0.90×)`);
    }
    console.log(`table sizes of the largest database at the end: instances ${sizes.instances}, tasks ${sizes.tasks}, history ${sizes.history}`);
    console.log(`pgbench TPC-B (scale 8, ${PGBENCH_SECONDS} s): 1 client ${tps1.toFixed(0)} tps, 8 clients ${tps8.toFixed(0)} tps`);
    console.log('bare xstate step: BEGIN, SELECT … FOR UPDATE, restore + transition(), UPDATE instances, UPDATE tasks, INSERT tasks, INSERT history, COMMIT; no form validation, no checks, no timer rows or domain records');
    console.log(stock.summary());
    console.log('bpmn-engine step: BEGIN, SELECT state … FOR UPDATE, recover + resume the engine, signal the user task (or fire the timer), getState, UPDATE the state, COMMIT');
    console.log(`bpmn-engine: ${bpmn.rate.toFixed(0)} steps/s (the issue's figure: ${BPMN_ISSUE_FIGURE} steps/s)`);
    console.log(`engine vs bpmn-engine: ratio ${(engine.rate / bpmn.rate).toFixed(1)} (target ≥ 10; against the issue's figure ${(engine.rate / BPMN_ISSUE_FIGURE).toFixed(1)})`);
    console.log(`rounds (engine / bare xstate / bpmn-engine steps/s): ${rounds.engine.map((m, i) => `${m.rate.toFixed(0)}/${rounds.bare[i].rate.toFixed(0)}/${rounds.bpmn[i].rate.toFixed(0)}`).join(', ')}; engine vs bare by round ${perRoundRatios}`);
    for (const line of costLines({ engine, bare: bareMain, bpmn }, tpcb8, cpus().length)) console.log(line);
    console.log(`bare-xstate: ${bareMain.rate.toFixed(0)} steps/s`);
    console.log(`engine vs bare xstate: ratio ${(engine.rate / bareMain.rate).toFixed(2)}`);
    console.log(`engine: ${engine.rate.toFixed(0)} steps/s, pgbench: ${tps8.toFixed(0)} tps, ratio ${(engine.rate / tps8).toFixed(2)}`);
  } catch (err) {
    console.error(err);
    exitCode = 1;
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
