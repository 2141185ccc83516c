/**
 * One node against three: the household path through the HTTP API on one server process, then on
 * three, in one run on the same PostgreSQL (embedded, started here) and the same Redis (Debian's
 * redis-server on a free port, the queue's backend as REDIS_URL sets it).
 *
 * Three app processes run as `npm start` runs the server (`server/src/main.ts`, its own process
 * each, with DATABASE_URL and REDIS_URL). In the first phase the clients send every request to
 * node A; in the second they go round-robin over A, B and C. The clients (this process) log in once
 * per demo user; each case files a household (`POST /api/instances`, `POST /api/tasks/:id/complete`
 * with fresh ID numbers) and works it to its registration; the notice period's timer is made due
 * and delivered by the runtime in this process, as the http bench does, so 8 of the 9 steps of a
 * case are HTTP requests and all 9 are counted. The CPU each process used during each phase
 * (from /proc: user + system time) is printed, to say where the cores went.
 *
 * Knobs: BENCH_CLIENTS (concurrent clients, default 12), BENCH_PHASE_SECONDS (each phase, default
 * 30), BENCH_MEMBERS (household size, default 6).
 * Last line: `scale: 1 node <n> steps/s, 3 nodes <m> steps/s, ratio <m/n>`.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnApp } from './support/spawn-app';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '../server/src/config';
import { startServices } from '../server/src/services';
import { startEmbeddedPostgres } from '../server/src/store/embedded-postgres';
import { startRedisServer } from '../tests/support/redis-server';
import { householdActors, measure, progress, silentLogger } from './support/drive';
import type { Measurement } from './support/drive';
import { formExamples, loadApplicationExample } from './support/household-forms';
import { householdCaseOverHttp } from './support/http-case';
import { login } from './support/http-session';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 12);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 30);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 6);
const PASSWORD = 'bench-Pass-2026';
const root = resolve(__dirname, '..');
const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, or 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** The postmaster and its backends. */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

async function spawnNode(name: string, env: Record<string, string>, dir: string): Promise<{ name: string; child: ChildProcess; base: string }> {
  const { child, base } = await spawnApp(root, {
    env: { ...env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', JZ_DEMO_PASSWORD: PASSWORD }, logFile: join(dir, `node-${name}.log`), name: `node ${name}`,
  });
  return { name, child, base };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-bench-scale-'));
  chmodSync(dir, 0o755);
  const loadAtStart = loadavg()[0];
  progress(`starting PostgreSQL in ${dir} and redis-server`);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
  const redis = await startRedisServer();
  const nodes: Array<{ name: string; child: ChildProcess; base: string }> = [];
  let exitCode = 0;
  try {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jz_bench_scale');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/jz_bench_scale';
    const env = { DATABASE_URL: url.toString(), REDIS_URL: redis.url };
    // In this process: migrations, seed, and the notice timer's delivery (no worker of its own).
    const services = await startServices({
      config: parseConfig({ ...env, JZ_DEMO_PASSWORD: PASSWORD, NODE_ENV: 'development' }, root),
      logger: silentLogger, sweepIntervalMs: 0, timers: 'none',
    });
    for (const name of ['A', 'B', 'C']) nodes.push(await spawnNode(name, env, dir));
    progress(`nodes listening: ${nodes.map((n) => `${n.name} ${n.base}`).join(', ')}`);

    const examples = formExamples(root);
    const application = loadApplicationExample(root);
    const actors = await householdActors(services);
    const base0 = nodes[0].base;
    // Sessions live in the database: one login per user serves every node.
    const sessions = { clerk: await login(base0, 'cun-dongyuan', PASSWORD), town: await login(base0, 'zhen-huacheng', PASSWORD), county: await login(base0, 'xian', PASSWORD) };

    const httpCase = (bases: string[]) => {
      let turn = 0;
      const base = () => bases[turn++ % bases.length];
      return () => householdCaseOverHttp({ base, sessions, actors, services, application, examples, members: MEMBERS });
    };

    const processes = () => [
      ...nodes.map((n) => ({ name: `node ${n.name}`, pids: () => [n.child.pid!] })),
      { name: 'PostgreSQL', pids: () => postgresPids(server.pid!) },
      { name: 'redis-server', pids: () => [redis.child.pid!] },
      { name: 'clients (this process)', pids: () => [process.pid] },
    ];
    const phase = async (label: string, bases: string[]): Promise<{ m: Measurement; cpu: Array<[string, number]> }> => {
      const before = processes().map((p) => p.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0));
      const m = await measure(label, { count: Number.MAX_SAFE_INTEGER, drivers: CLIENTS, maxSeconds: PHASE_SECONDS }, httpCase(bases));
      const cpu = processes().map((p, i) => [p.name, (p.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0) - before[i]) / m.seconds] as [string, number]);
      return { m, cpu };
    };

    progress('warm-up on every node');
    await measure('warm-up', { count: CLIENTS * 2, drivers: CLIENTS, maxSeconds: PHASE_SECONDS }, httpCase(nodes.map((n) => n.base)));
    progress(`${CLIENTS} concurrent clients, ${MEMBERS}-member households, ${PHASE_SECONDS} s per phase`);
    const one = await phase('1 node', [nodes[0].base]);
    const three = await phase('3 nodes', nodes.map((n) => n.base));

    await services.close();
    const cores = cpus().length;
    const row = (cpu: Array<[string, number]>) => cpu.map(([name, share]) => `${name} ${(share * 100).toFixed(0)}%`).join(', ');
    const total = (cpu: Array<[string, number]>) => cpu.reduce((sum, [, share]) => sum + share, 0);
    console.log('');
    console.log(`machine: ${cores} cores, load average ${loadAtStart.toFixed(1)} before the run (well above 0 means other work shared the cores: figures then are not comparable)`);
    console.log(`CPU by process (100% = one core), 1 node:  ${row(one.cpu)}; total ${(total(one.cpu) * 100).toFixed(0)}% of ${cores * 100}%`);
    console.log(`CPU by process (100% = one core), 3 nodes: ${row(three.cpu)}; total ${(total(three.cpu) * 100).toFixed(0)}% of ${cores * 100}%`);
    console.log(`cases: ${one.m.cases} on 1 node, ${three.m.cases} on 3 nodes, 9 steps each (8 over HTTP)`);
    console.log(`scale: 1 node ${one.m.rate.toFixed(0)} steps/s, 3 nodes ${three.m.rate.toFixed(0)} steps/s, ratio ${(three.m.rate / one.m.rate).toFixed(2)}`);
  } catch (err) {
    console.error(err);
    exitCode = 1;
  } finally {
    for (const node of nodes) node.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => (n.child.exitCode === null ? new Promise((done) => n.child.once('exit', done)) : undefined)));
    await redis.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
