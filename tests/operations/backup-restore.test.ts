/**
 * `npm run backup` and `npm run restore`, run as an operator runs them: a running case is backed
 * up from a DATABASE_URL database, restored into a fresh embedded data dir, and continued there to
 * its end, its 7-day notice timer firing on the injected test clock; a non-empty target is refused
 * unless --force; a restore into an empty DATABASE_URL database gives the same rows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createManualClock } from '../../server/src/kernel';
import { readBackupHeader } from '../../server/src/store/backup';
import { findFreePort } from '../../server/src/store/embedded-postgres';
import { drive } from '../api/api-harness';
import { act, instanceRow, startApplication } from '../support/household-flow';
import { databaseUrl, testServerUrl } from '../support/test-database';
import { startTestServices } from '../support/test-services';
import type { TestServices } from '../support/test-services';
import { assertPrerequisites, cleanUp, connectToDatabase, makeDataDir, spawnApp } from '../trust/app-process';
import type { AppProcess } from '../trust/app-process';
import { counts, harnessOf, npmRun, stopApp } from './backup-support';

jest.setTimeout(240_000);

let source: TestServices & { dropDatabase(): Promise<void> };
let workDir: string;
let app: AppProcess | undefined;
let backupFile: string;
let noticeCase: string;
let waitingCase: string;
let before: Record<string, number>;

beforeAll(async () => {
  assertPrerequisites();
  // The workflow clock starts at the wall time, as the restored app's test clock will.
  source = await startTestServices({ clock: createManualClock(new Date()) });
  workDir = makeDataDir('jz-backup-');
  backupFile = join(workDir, 'backups', 'jingzhun.backup');
});

afterAll(async () => {
  await source.close();
  await source.dropDatabase();
  await cleanUp(join(workDir, 'restored'), app);
  await cleanUp(workDir);
});

describe('backup and restore', () => {
  it('When a database with a case in its 7-day notice is backed up and restored into a fresh data dir, then the case runs to its end there, its timer included', async () => {
    noticeCase = (await startApplication(source)).instanceId;
    for (const outcome of ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']) await act(source, noticeCase, outcome);
    expect((await instanceRow(source, noticeCase)).state).toEqual({ publicNotice: 'running' });
    waitingCase = (await startApplication(source)).instanceId;
    before = await counts((sql) => source.db.pool.query(sql));

    const backup = await npmRun('backup', [backupFile, '--format=jz'], { DATABASE_URL: source.db.url });
    expect(backup.out).toContain('备份完成');
    expect(backup.code).toBe(0);
    const header = await readBackupHeader(backupFile);
    expect(header.tables.find((t) => t.name === 'instances')!.rows).toBe(before.instances);
    // Parents before children: a restore loads the sections as they come.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('instances')).toBeLessThan(order.indexOf('tasks'));
    expect(order.indexOf('instances')).toBeLessThan(order.indexOf('timers'));

    const target = join(workDir, 'restored');
    const restore = await npmRun('restore', [backupFile], { JZ_DATA_DIR: target });
    expect(restore.out).toContain('恢复完成');
    expect(restore.code).toBe(0);
    expect(existsSync(join(target, 'pg', 'PG_VERSION'))).toBe(true);

    app = await spawnApp(target, await findFreePort());
    const db = await connectToDatabase(target);
    try {
      expect(await counts((sql) => db.query(sql))).toEqual(before);
      const timer = await db.query(`SELECT status, enqueued_at FROM timers WHERE instance_id = $1 AND status = 'scheduled'`, [noticeCase]);
      // Not marked as enqueued: the sweep hands it to the new, empty queue once it is due within its horizon.
      expect(timer.rows).toEqual([{ status: 'scheduled', enqueued_at: null }]);
      // The restore analysed what it loaded: the planner knows the tables' sizes from the first step.
      const analysed = await db.query(`SELECT relname FROM pg_stat_user_tables WHERE relname IN ('instances', 'tasks', 'history', 'attachments') AND last_analyze IS NOT NULL ORDER BY relname`);
      expect(analysed.rows.map((r: { relname: string }) => r.relname)).toEqual(['attachments', 'history', 'instances', 'tasks']);
    } finally {
      await db.end();
    }
    const restored = harnessOf(app);
    const inspector = await restored.login('ducha');
    expect((await inspector.get(`/api/instances/${noticeCase}/verify`)).body).toMatchObject({ ok: true });

    // The notice runs its 7 days on the restored app's test clock.
    expect((await restored.anonymous.post('/api/test/clock', { advance: 'P6D' })).body.fired).toBe(0);
    expect((await restored.anonymous.post('/api/test/clock', { advance: 'P2D' })).body.fired).toBe(1);
    const clerk = await restored.login('cun-dongyuan');
    expect((await clerk.get(`/api/instances/${noticeCase}`)).body.state).toBe('preliminaryOpinion');
    await drive(restored, 'dongyuan', noticeCase, ['FORWARD', 'APPROVE', 'APPROVE']);
    expect((await clerk.get(`/api/instances/${noticeCase}`)).body).toMatchObject({ state: 'registered', status: 'completed' });
    expect((await inspector.get(`/api/instances/${noticeCase}/verify`)).body).toMatchObject({ ok: true });

    // The other case and new cases go on too (ids, receipt numbers and sequences continue).
    await drive(restored, 'dongyuan', waitingCase, ['SUBMIT']);
    const fresh = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
    expect(fresh.status).toBe(201);
  });

  it('When the app runs on the target or the target holds data, then restore refuses, unless --force', async () => {
    const target = join(workDir, 'restored');
    const running = await npmRun('restore', [backupFile, '--force'], { JZ_DATA_DIR: target });
    expect(running.out).toMatch(/running on .*stop it first/);
    expect(running.code).toBe(3);
    await stopApp(app!);
    app = undefined;

    const refused = await npmRun('restore', [backupFile], { JZ_DATA_DIR: target });
    expect(refused.out).toContain('not empty');
    expect(refused.code).toBe(3);

    const forced = await npmRun('restore', [backupFile, '--force'], { JZ_DATA_DIR: target });
    expect(forced.out).toContain('恢复完成');
    expect(forced.code).toBe(0);
    app = await spawnApp(target, await findFreePort());
    const db = await connectToDatabase(target);
    try {
      // Back to the moment of the backup: what the restored app did since is gone, the case is in its notice again.
      expect(await counts((sql) => db.query(sql))).toEqual(before);
    } finally {
      await db.end();
    }
    const clerk = await harnessOf(app).login('cun-dongyuan');
    expect((await clerk.get(`/api/instances/${noticeCase}`)).body.state).toEqual({ publicNotice: 'running' });
  });

  it('When restored into an empty DATABASE_URL database, then it holds the same rows', async () => {
    const name = `t_restore_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: testServerUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = databaseUrl(testServerUrl(), name);
      const restore = await npmRun('restore', [backupFile], { DATABASE_URL: url });
      expect(restore.out).toContain('恢复完成');
      expect(restore.code).toBe(0);
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        expect(await counts((sql) => client.query(sql))).toEqual(before);
        const again = await npmRun('restore', [backupFile], { DATABASE_URL: url });
        expect(again.out).toContain('not empty');
        expect(again.code).toBe(3);
        // Refused before anything changed.
        expect(await counts((sql) => client.query(sql))).toEqual(before);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
