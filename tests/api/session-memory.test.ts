import { changeOrgUnit } from '../../server/src/runtime/change-org-unit';
import { changeUser } from '../../server/src/runtime/change-user';
import type { ChangeSignal } from '../../server/src/store/change-signal';
import { statementsSentDuring } from '../support/statements-sent';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

/** Resolves at the next move of the signal's count, with whether it listens then. */
function nextMove(signal: ChangeSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = signal.subscribe(() => { stop(); resolve(signal.listening); });
  });
}

/** Whether the app read a session from the database while `work` ran. */
async function readsSession(work: () => Promise<unknown>): Promise<boolean> {
  return (await statementsSentDuring(work)).includes('jz_find_session');
}

describe('sessions kept in memory between requests', () => {
  it('When a session was read, then the next requests with it read none from the database; a logout ends it at once', async () => {
    const clerk = await harness.login('cun-dongyuan');
    expect((await clerk.get('/api/me')).status).toBe(200);
    expect(await readsSession(async () => expect((await clerk.get('/api/me')).status).toBe(200))).toBe(false);
    expect((await clerk.post('/api/auth/logout')).status).toBeLessThan(300);
    const after = await clerk.get('/api/me');
    expect(after.status).toBe(401);
  });

  it('When another node disables the user, then their session ends as soon as PostgreSQL announces the change', async () => {
    const town = await harness.login('zhen-huacheng');
    expect((await town.get('/api/tasks')).status).toBe(200);
    expect(await readsSession(() => town.get('/api/tasks'))).toBe(false);
    // Written past this node's code, as another node or a database console would.
    const announced = nextMove(harness.services.sessionChanges);
    await harness.services.db.pool.query("UPDATE users SET disabled = true WHERE username = 'zhen-huacheng'");
    expect(await announced).toBe(true);
    expect((await town.get('/api/tasks')).status).toBe(401);
    await harness.services.db.pool.query("UPDATE users SET disabled = false WHERE username = 'zhen-huacheng'");
  });

  it('When another node renames the user or their unit, then the next request after the announcement shows the new names', async () => {
    const county = await harness.login('xian');
    const before = (await county.get('/api/me')).body.user;
    let announced = nextMove(harness.services.sessionChanges);
    await harness.services.db.pool.query("UPDATE users SET display_name = '县扶贫办 审核员甲' WHERE username = 'xian'");
    await announced;
    expect((await county.get('/api/me')).body.user.displayName).toBe('县扶贫办 审核员甲');
    announced = nextMove(harness.services.sessionChanges);
    await harness.services.db.pool.query('UPDATE org_units SET name = $2 WHERE id = $1', [before.orgUnitId, '五华县（测试）']);
    await announced;
    expect((await county.get('/api/me')).body.user.orgUnitName).toBe('五华县（测试）');
    await harness.services.db.pool.query('UPDATE org_units SET name = $2 WHERE id = $1', [before.orgUnitId, before.orgUnitName]);
  });

  it('When an admin of this node changes a user, then the user\'s very next request sees it, before PostgreSQL\'s announcement is heard', async () => {
    const admin = await harness.login('admin');
    const inspector = await harness.login('ducha');
    expect((await inspector.get('/api/me')).body.user.roles).not.toContain('county_reviewer');
    const { id, roles } = (await admin.get('/api/admin/users?q=ducha')).body.items[0];
    // Nothing is heard from the database meanwhile: only the node's own word can make the next request read afresh.
    const count = harness.services.sessionChanges.count;
    const changed = await admin.request('PATCH', `/api/admin/users/${id}`, { roles: [...roles, 'county_reviewer'] });
    expect(changed.status).toBe(200);
    expect(harness.services.sessionChanges.count).toBeGreaterThan(count);
    expect((await inspector.get('/api/me')).body.user.roles).toContain('county_reviewer');
    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { roles })).status).toBe(200);
  });

  it('When a user or a unit is changed, then the use case tells the node once it has committed; a refused change tells nothing', async () => {
    const moved = jest.fn();
    const { services } = harness;
    const deps = { db: services.db, tenantId: services.config.tenantId, ids: services.ids, clock: services.clock, sessionChanges: { moved } };
    const { rows: [admin] } = await services.db.pool.query("SELECT id, roles, org_unit_id FROM users WHERE username = 'admin'");
    const actor = { userId: admin.id, username: 'admin', roles: admin.roles, orgUnitId: admin.org_unit_id };
    const { rows: [clerk] } = await services.db.pool.query("SELECT id, display_name, org_unit_id FROM users WHERE username = 'cun-dongyuan'");
    await changeUser(deps, { actor, keepSessionId: 'none', id: clerk.id, change: { displayName: '董源村 文书' }, locale: 'zh-CN' });
    expect(moved).toHaveBeenCalledTimes(1);
    await expect(changeUser(deps, { actor, keepSessionId: 'none', id: clerk.id, change: { roles: ['mayor'] }, locale: 'zh-CN' })).rejects.toThrow();
    await expect(changeOrgUnit(deps, { actor, id: '441424999999', change: { name: '无此村' } })).rejects.toThrow();
    expect(moved).toHaveBeenCalledTimes(1);
    await changeOrgUnit(deps, { actor, id: clerk.org_unit_id, change: { name: '董源村' } });
    expect(moved).toHaveBeenCalledTimes(2);
    await changeUser(deps, { actor, keepSessionId: 'none', id: clerk.id, change: { displayName: clerk.display_name }, locale: 'zh-CN' });
  });

  it('When the listening connection is lost, then every request reads its session until the node listens again', async () => {
    const signal = harness.services.sessionChanges;
    const clerk = await harness.login('cun-zhuanshui');
    expect((await clerk.get('/api/me')).status).toBe(200);
    expect(await readsSession(() => clerk.get('/api/me'))).toBe(false);
    const lost = nextMove(signal);
    const { rows } = await harness.services.db.pool.query(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN jz_session_changes'");
    expect(rows.length).toBe(1);
    expect(await lost).toBe(false);
    const back = nextMove(signal);
    expect(await readsSession(() => clerk.get('/api/me'))).toBe(true);
    expect(await readsSession(() => clerk.get('/api/me'))).toBe(true);
    // Listening again (after a short back-off): the session is read once more, then kept.
    expect(await back).toBe(true);
    expect(await readsSession(() => clerk.get('/api/me'))).toBe(true);
    expect(await readsSession(() => clerk.get('/api/me'))).toBe(false);
  });
});
