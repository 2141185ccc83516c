/**
 * `npm run backup` in pg_dump's custom format and `npm run restore` with pg_restore, where a
 * pg_dump as new as the server exists: Debian 12's PostgreSQL 15 server and client tools
 * (`postgresql-15`, which .ci/run installs) hold the source database; the archive is restored into
 * a fresh embedded data dir (PostgreSQL 18) and the case goes on there, its timer included.
 * Without PostgreSQL 15 the suite fails under CI and is skipped with a warning elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createManualClock } from '../../server/src/kernel';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { drive } from '../api/api-harness';
import { act, instanceRow, startApplication } from '../support/household-flow';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';
import { assertPrerequisites, cleanUp, connectToDatabase, makeDataDir, spawnApp } from '../trust/app-process';
import type { AppProcess } from '../trust/app-process';
import { counts, harnessOf, npmRun } from './backup-support';

jest.setTimeout(240_000);

const PG15 = '/usr/lib/postgresql/15/bin';
const hasPg15 = existsSync(join(PG15, 'postgres')) && existsSync(join(PG15, 'pg_dump')) && existsSync(join(PG15, 'pg_restore'));
const underCi = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI as string);
const missing = 'PostgreSQL 15 server and client tools are not installed: `apt-get install -y postgresql-15` (.ci/run does)';
if (!hasPg15 && !underCi) console.warn(`\n${'!'.repeat(78)}\n!! BACKUP IN PG_DUMP FORMAT NOT TESTED: ${missing}.\n${'!'.repeat(78)}\n`);

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL 15 tool, as the postgres user when we are root (the server refuses root). */
function pg15(tool: string, args: string[]): void {
  const command = asRoot ? 'runuser' : join(PG15, tool);
  const argv = asRoot ? ['-u', 'postgres', '--', join(PG15, tool), ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

(hasPg15 || underCi ? describe : describe.skip)('backup and restore in pg_dump custom format (PostgreSQL 15 source)', () => {
  let workDir: string;
  let cluster: string;
  let url: string;
  let source: TestServices | undefined;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    if (!hasPg15) throw new Error(missing);
    assertPrerequisites();
    workDir = makeDataDir('jz-pgdump-');
    cluster = join(workDir, 'pg15');
    if (asRoot) chownSync(workDir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
    pg15('initdb', ['-D', cluster, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
    const port = await findFreePort();
    pg15('pg_ctl', ['-D', cluster, '-l', join(workDir, 'pg15.log'), '-w', '-o', `-p ${port} -k ${workDir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    source = await startTestServices({ databaseUrl: url, clock: createManualClock(new Date()) });
  });

  afterAll(async () => {
    await source?.close();
    if (cluster && existsSync(join(cluster, 'postmaster.pid'))) pg15('pg_ctl', ['-D', cluster, '-m', 'fast', '-w', 'stop']);
    if (workDir) {
      await cleanUp(join(workDir, 'restored'), app);
      await cleanUp(workDir);
    }
  });

  it('When the server is as old as the installed pg_dump, then backup writes its custom format, and pg_restore brings the case back to run to its end', async () => {
    const noticeCase = (await startApplication(source!)).instanceId;
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await act(source!, noticeCase, outcome);
    expect((await instanceRow(source!, noticeCase)).state).toEqual({ publicNotice: 'running' });
    const before = await counts((sql) => source!.db.pool.query(sql));

    const file = join(workDir, 'jingzhun.dump');
    const backup = await npmRun('backup', [file], { DATABASE_URL: url, PG_BIN_DIR: PG15 });
    expect(backup.out).toContain('pg_dump 15 custom format');
    expect(backup.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    const target = join(workDir, 'restored');
    const restore = await npmRun('restore', [file], { JZ_DATA_DIR: target, PG_BIN_DIR: PG15 });
    expect(restore.out).toContain('with pg_restore');
    expect(restore.code).toBe(0);
    const again = await npmRun('restore', [file], { JZ_DATA_DIR: target, PG_BIN_DIR: PG15 });
    expect(again.out).toContain('not empty');
    expect(again.code).toBe(3);

    app = await spawnApp(target, await findFreePort());
    const db = await connectToDatabase(target);
    try {
      expect(await counts((sql) => db.query(sql))).toEqual(before);
      const timer = await db.query(`SELECT status, enqueued_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [noticeCase]);
      expect(timer.rows).toEqual([{ status: 'scheduled', enqueued_at: null }]);
      // The restore analysed what it loaded: the planner knows the tables' sizes from the first step.
      const analysed = await db.query(`SELECT relname FROM pg_stat_user_tables WHERE relname IN ('instances', 'tasks', 'history', 'attachments') AND last_analyze IS NOT NULL ORDER BY relname`);
      expect(analysed.rows.map((r: { relname: string }) => r.relname)).toEqual(['attachments', 'history', 'instances', 'tasks']);
    } finally {
      await db.end();
    }
    const restored = harnessOf(app);
    expect((await restored.anonymous.post('/api/test/clock', { advance: 'P8D' })).body.fired).toBe(1);
    await drive(restored, 'dongyuan', noticeCase, ['FORWARD', 'APPROVE', 'APPROVE']);
    expect((await (await restored.login('xian')).get(`/api/instances/${noticeCase}`)).body).toMatchObject({ state: 'registered', status: 'completed' });
    expect((await (await restored.login('ducha')).get(`/api/instances/${noticeCase}/verify`)).body).toMatchObject({ ok: true });
  });
});
