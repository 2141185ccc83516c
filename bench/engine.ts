/**
 * Engine throughput against the database's own: drives household-identification instances
 * through every step (each a committed transaction with form validation) with 8 concurrent
 * drivers, then measures TPC-B on the same PostgreSQL server with pgbench (1 and 8 clients).
 * Last line: `engine: <steps/s> steps/s, pgbench: <tps> tps, ratio <steps/s ÷ tps>`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '../server/src/config';
import { loadFormsFromDir } from '../server/src/forms/load-forms';
import { silentLogger } from '../server/src/kernel';
import type { Actor } from '../server/src/kernel';
import { startServices } from '../server/src/services';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 400);
const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 8);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const root = resolve(__dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function pgbench(url: URL, clients: number): number {
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const args = ['-h', url.hostname, '-p', url.port, '-U', url.username, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(PGBENCH_SECONDS), '-n', 'pgbench'];
  const out = execFileSync('/usr/bin/pgbench', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
  return Number(match[1]);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
  const serverUrl = new URL(server.url);
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_bench');
    await admin.query('CREATE DATABASE pgbench');
    await admin.end();
    const appUrl = new URL(server.url);
    appUrl.pathname = '/jz_bench';
    const services = await startServices({
      config: parseConfig({ DATABASE_URL: appUrl.toString(), JZ_DEMO_PASSWORD: 'bench-Pass-1' }, root),
      logger: silentLogger, sweepIntervalMs: 0,
    });
    const forms = new Map(loadFormsFromDir(join(root, 'schemas')).map((f) => [f.key, (f.schema as any).examples[0]]));
    const actorOf = async (username: string): Promise<Actor> => {
      const { rows: [r] } = await services.db.pool.query('SELECT u.id, u.roles, u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE username = $1', [username]);
      return { userId: r.id, username, roles: r.roles, orgUnitId: r.org_unit_id, orgPath: r.path };
    };
    const clerk = await actorOf('cun-dongyuan');
    const town = await actorOf('zhen-huacheng');
    const county = await actorOf('xian');
    const script: Array<[string, Actor]> = [['SUBMIT', clerk], ['VERIFY', clerk], ['PASS', clerk], ['POSTED', clerk], ['TIMER', clerk], ['FORWARD', clerk], ['APPROVE', town], ['APPROVE', county]];

    const { runtime, db } = services;
    let steps = 0;
    const startLatencies: number[] = [];
    let next = 0;
    let peakRss = process.memoryUsage().rss;
    const rssProbe = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

    const driveOne = async () => {
      const t0 = performance.now();
      const started = await runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
      startLatencies.push(performance.now() - t0);
      steps++;
      let task = started.openedTasks[0];
      for (const [outcome, actor] of script) {
        if (outcome === 'TIMER') {
          // The driver makes the 7-day timer due now; delivering it is the ordinary step.
          const { rows } = await db.pool.query(`UPDATE timers SET fire_at = now() WHERE instance_id = $1 AND status = 'scheduled' RETURNING id`, [started.instanceId]);
          const fired = await runtime.fireTimer(rows[0].id);
          if (fired !== 'fired') throw new Error(`timer ${rows[0].id}: ${fired}`);
          steps++;
          const { rows: open } = await db.pool.query(`SELECT id, state, form_key AS "formKey" FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
          task = open[0];
          continue;
        }
        const result = await runtime.completeTask({ taskId: task.id, outcome, actor, data: forms.get(task.formKey), comment: '同意' });
        steps++;
        task = result.openedTasks[0];
      }
    };
    const driver = async () => { while (next++ < INSTANCES) await driveOne(); };

    // Warm-up: compile forms and the machine, fill the pool.
    next = INSTANCES - DRIVERS;
    await Promise.all(Array.from({ length: DRIVERS }, driver));
    steps = 0; startLatencies.length = 0; next = 0;

    const t0 = performance.now();
    await Promise.all(Array.from({ length: DRIVERS }, driver));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(rssProbe);
    const stepsPerSecond = steps / seconds;
    const sorted = [...startLatencies].sort((a, b) => a - b);
    await services.close();

    const bench = { ...process.env, PGPASSWORD: decodeURIComponent(serverUrl.password) };
    execFileSync('/usr/bin/pgbench', ['-i', '-q', '-s', '8', '-h', serverUrl.hostname, '-p', serverUrl.port, '-U', serverUrl.username, 'pgbench'], { env: bench, stdio: 'ignore' });
    const tps1 = pgbench(serverUrl, 1);
    const tps8 = pgbench(serverUrl, 8);

    console.log(`instances: ${INSTANCES} × 9 steps with ${DRIVERS} drivers in ${seconds.toFixed(1)} s (forms: ${readdirSync(join(root, 'schemas')).length} folders)`);
    console.log(`instance start: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
    console.log(`app peak RSS: ${(peakRss / 1048576).toFixed(0)} MB (target ≤ 250 MB)`);
    console.log(`pgbench TPC-B (scale 8, ${PGBENCH_SECONDS} s): 1 client ${tps1.toFixed(0)} tps, 8 clients ${tps8.toFixed(0)} tps`);
    console.log(`engine: ${stepsPerSecond.toFixed(0)} steps/s, pgbench: ${tps8.toFixed(0)} tps, ratio ${(stepsPerSecond / tps8).toFixed(2)}`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
