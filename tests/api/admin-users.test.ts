import { startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let admin: ApiClient;
beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
});
afterAll(async () => { await harness.close(); });

const PASSWORD = 'Huacheng-2026-pass';
const newUser = { username: 'zhen-huacheng-2', displayName: '华城镇 审核员二', password: PASSWORD, roles: ['town_reviewer'], orgUnitId: '441424130' };
const auditOf = async (action: string, target?: string) =>
  (await admin.get(`/api/admin/audit?action=${action}${target ? `&target=${target}` : ''}`)).body.items as any[];

describe('users, org units and the audit trail over HTTP', () => {
  it('When an admin creates a user, then they can log in; bad input names each field and nothing is written', async () => {
    const bad = await admin.post('/api/admin/users', { ...newUser, roles: ['mayor'], orgUnitId: '441424999', password: 'short' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['/orgUnitId', '/password', '/roles/0']);
    expect(bad.body.error.fields['/password']).toEqual(['至少 10 个字符']);
    const badEn = await admin.post('/api/admin/users', { ...newUser, password: 'short' }, { 'accept-language': 'en' });
    expect(badEn.body.error.fields['/password']).toEqual(['must have at least 10 characters']);
    expect((await admin.post('/api/admin/users', { ...newUser, username: 'xian' })).status).toBe(409);
    expect((await admin.post('/api/admin/users', { ...newUser, extra: 1 })).status).toBe(400);
    expect((await admin.get('/api/admin/users?q=huacheng-2')).body.total).toBe(0);

    const created = await admin.post('/api/admin/users', newUser);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: newUser.username, displayName: newUser.displayName, roles: ['town_reviewer'], orgUnitId: '441424130', orgUnitName: '华城镇', disabled: false });
    expect(created.body).not.toHaveProperty('passwordHash');
    const client = await harness.login(newUser.username, PASSWORD);
    expect((await client.get('/api/me')).body.user.roles).toEqual(['town_reviewer']);

    const listed = await admin.get('/api/admin/users?role=town_reviewer&orgUnitId=441424130');
    expect(listed.body.items.map((u: any) => u.username).sort()).toEqual(['zhen-huacheng', 'zhen-huacheng-2']);
    expect((await admin.get('/api/admin/users?pageSize=1&page=2')).body.items.length).toBe(1);
    const all = await admin.get('/api/admin/users?pageSize=200');
    expect(all.body.total).toBe(all.body.items.length);
    expect((await auditOf('user.create', created.body.id))[0]).toMatchObject({ actor: { username: 'admin' }, details: { username: newUser.username } });
  });

  it('When an admin disables a user, then their session ends and their login is refused until they are enabled again', async () => {
    const { id } = (await admin.get(`/api/admin/users?q=${newUser.username}`)).body.items[0];
    const session = await harness.login(newUser.username, PASSWORD);
    expect((await session.get('/api/tasks')).status).toBe(200);

    const disabled = await admin.request('PATCH', `/api/admin/users/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await session.get('/api/tasks')).status).toBe(401);
    expect((await harness.services.db.pool.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [id])).rows[0].n).toBe(0);
    expect((await harness.anonymous.post('/api/auth/login', { username: newUser.username, password: PASSWORD })).status).toBe(401);

    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { disabled: false, roles: ['town_reviewer', 'village_work_team'], displayName: '华城镇 审核员乙' })).status).toBe(200);
    const back = await harness.login(newUser.username, PASSWORD);
    expect((await back.get('/api/tasks')).status).toBe(200);
    expect((await back.get('/api/me')).body.user).toMatchObject({ displayName: '华城镇 审核员乙', roles: ['town_reviewer', 'village_work_team'] });
    // Roles apply to the live session at once.
    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { roles: ['town_reviewer'] })).body.roles).toEqual(['town_reviewer']);
    expect((await back.get('/api/me')).body.user.roles).toEqual(['town_reviewer']);

    // A new password ends the sessions of the old one.
    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { password: 'short' })).status).toBe(400);
    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { password: 'Another-pass-2026' })).status).toBe(200);
    expect((await back.get('/api/tasks')).status).toBe(401);
    expect((await harness.anonymous.post('/api/auth/login', { username: newUser.username, password: PASSWORD })).status).toBe(401);
    await harness.login(newUser.username, 'Another-pass-2026');

    const updates = await auditOf('user.update', id);
    expect(updates.map((u) => u.details)).toEqual(expect.arrayContaining([{ disabled: true }, { passwordChanged: true }]));
    expect(JSON.stringify(updates)).not.toContain('Another-pass-2026');
  });

  it('When an admin would lock themself out, then the change is refused', async () => {
    const me = (await admin.get('/api/admin/users?q=admin')).body.items.find((u: any) => u.username === 'admin');
    const disable = await admin.request('PATCH', `/api/admin/users/${me.id}`, { disabled: true });
    expect(disable.status).toBe(400);
    expect(disable.body.error.fields).toHaveProperty(['/disabled']);
    expect((await admin.request('PATCH', `/api/admin/users/${me.id}`, { roles: ['county_reviewer'] })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' })).status).toBe(404);
    expect((await admin.request('PATCH', '/api/admin/users/not-a-uuid', { displayName: 'x' })).status).toBe(404);
    expect((await admin.get('/api/me')).status).toBe(200);
  });

  it('When an admin adds and renames org units, then they appear in the org chart; codes are unique and levels nest', async () => {
    const village = { id: '441424130298', parentId: '441424130', level: 'village', name: '新建村', relativelyPoor: true };
    expect((await admin.post('/api/admin/org-units', { ...village, level: 'group' })).status).toBe(400);
    expect((await admin.post('/api/admin/org-units', { ...village, parentId: '441424999' })).body.error.fields).toHaveProperty(['/parentId']);
    const created = await admin.post('/api/admin/org-units', village);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: village.id, parentId: '441424130', level: 'village', name: '新建村', path: '441424/441424130/441424130298', relativelyPoor: true });
    expect((await admin.post('/api/admin/org-units', village)).status).toBe(409);
    const group = await admin.post('/api/admin/org-units', { id: '44142413029801', parentId: village.id, level: 'group', name: '第一村民小组' });
    expect(group.status).toBe(201);

    const renamed = await admin.request('PATCH', `/api/admin/org-units/${village.id}`, { name: '新建村（更名）', relativelyPoor: false });
    expect(renamed.body).toMatchObject({ name: '新建村（更名）', relativelyPoor: false });
    expect((await admin.request('PATCH', '/api/admin/org-units/441424999999', { name: 'x' })).status).toBe(404);
    const chart = await harness.anonymous.get('/api/org-units?parent=441424130');
    expect(chart.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: village.id, name: '新建村（更名）', relativelyPoor: false })]));

    // A user can now belong to the new village.
    const clerk = await admin.post('/api/admin/users', { username: 'cun-xinjian', displayName: '新建村 文书', password: PASSWORD, roles: ['village_clerk'], orgUnitId: village.id });
    expect(clerk.status).toBe(201);
    expect((await auditOf('org_unit.create')).map((a) => a.target).sort()).toEqual(['441424130298', '44142413029801']);
    expect((await auditOf('org_unit.update', village.id))[0].details).toMatchObject({ name: '新建村（更名）', relativelyPoor: false, before: { name: '新建村', relativelyPoor: true } });
  });

  it('When the audit trail is read, then admins and inspectors see it filtered, others are refused', async () => {
    const inspector = await harness.login('ducha');
    const read = await inspector.get('/api/admin/audit?actor=admin&pageSize=200');
    expect(read.status).toBe(200);
    expect(read.body.total).toBeGreaterThanOrEqual(7);
    expect(new Set(read.body.items.map((i: any) => i.actor.username))).toEqual(new Set(['admin']));
    const future = await inspector.get('/api/admin/audit?from=2099-01-01');
    expect(future.body).toEqual({ items: [], total: 0 });
    expect((await inspector.get('/api/admin/users')).status).toBe(403);
    expect((await (await harness.login('zhen-huacheng')).get('/api/admin/audit')).status).toBe(403);
    expect((await harness.anonymous.get('/api/admin/audit')).status).toBe(401);
    expect((await admin.get('/api/admin/audit?from=yesterday')).status).toBe(400);
  });
});
