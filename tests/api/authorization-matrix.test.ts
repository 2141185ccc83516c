import ExcelJS from 'exceljs';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiAnswer, ApiClient, ApiHarness } from './api-harness';

/**
 * Every endpoint × every demo user × a case in their own org unit and one outside it (another
 * town, and another county on the same deployment): each cell's status is compared with a table
 * written out by hand from the seed's org tree, and every list is scanned for anything the caller
 * may not see. The expectations never call the server's own scope code, so a bug there cannot
 * move them along with it.
 */

const USERS = ['admin', 'xian', 'ducha', 'zhen-huacheng', 'cun-dongyuan', 'cun-hezikou', 'zhen-zhuanshui', 'cun-zhuanshui'];

type FixtureName = 'A' | 'B' | 'C';
type TaskLevel = 'verification' | 'townReview' | 'countyApproval';

/** The demo accounts' roles (DESIGN.md, "Demo accounts"). */
const ROLES: Record<string, string[]> = {
  admin: ['admin'], xian: ['county_reviewer'], ducha: ['inspector'], 'zhen-huacheng': ['town_reviewer'],
  'cun-dongyuan': ['village_clerk', 'village_work_team'], 'cun-hezikou': ['village_clerk', 'village_work_team'],
  'zhen-zhuanshui': ['town_reviewer'], 'cun-zhuanshui': ['village_clerk', 'village_work_team'],
};

/**
 * Whose scope holds each fixture's village, from the seed's tree (server/src/domain/org-seed.ts):
 * A is 董源村 (441424130201) of 华城镇 (441424130), B is 转水村 (441424103201) of 转水镇 (441424103),
 * both in 五华县 (441424); C is 大坪村 of 兴宁市 (441481), another county on the same deployment.
 * 河子口村 (441424130202) is A's neighbour, not above it.
 */
const SEES: Record<string, FixtureName[]> = {
  admin: ['A', 'B'], xian: ['A', 'B'], ducha: ['A', 'B'], 'zhen-huacheng': ['A'], 'cun-dongyuan': ['A'], 'cun-hezikou': [],
  'zhen-zhuanshui': ['B'], 'cun-zhuanshui': ['B'],
};

/**
 * Who works each fixture's open tasks (workflows/household-identification.json): 入户核实 the
 * village's work team, 乡镇审核 its town's reviewer, 县级审定 the county reviewer; nobody of this
 * county works C's.
 */
const WORKS: Record<FixtureName, Record<TaskLevel, string[]>> = {
  A: { verification: ['cun-dongyuan'], townReview: ['zhen-huacheng'], countyApproval: ['xian'] },
  B: { verification: ['cun-zhuanshui'], townReview: ['zhen-zhuanshui'], countyApproval: ['xian'] },
  C: { verification: [], townReview: [], countyApproval: [] },
};

/** Whose progress report has a row for the fixture's town: the county's users every town, a town's and its villages' users their own. */
const REPORT_TOWN: Record<string, FixtureName[]> = {
  admin: ['A', 'B'], xian: ['A', 'B'], ducha: ['A', 'B'], 'zhen-huacheng': ['A'], 'cun-dongyuan': ['A'], 'cun-hezikou': ['A'],
  'zhen-zhuanshui': ['B'], 'cun-zhuanshui': ['B'],
};

/** 五华县 and its units: towns are 441424 + 3 digits, villages their town + 3 digits (org-seed.ts). */
const inWuhua = (id: string) => /^441424(\d{3}){0,2}$/.test(id);
const inTown = (town: string) => (id: string) => id === town || new RegExp(`^${town}\\d{3}$`).test(id);
/** The org units whose cases, tasks and households each user may see at all, by unit id. */
const VISIBLE_UNIT: Record<string, (id: string) => boolean> = {
  admin: inWuhua, xian: inWuhua, ducha: inWuhua,
  'zhen-huacheng': inTown('441424130'), 'zhen-zhuanshui': inTown('441424103'),
  'cun-dongyuan': (id) => id === '441424130201', 'cun-hezikou': (id) => id === '441424130202', 'cun-zhuanshui': (id) => id === '441424103201',
};

interface Fixture {
  name: 'A' | 'B' | 'C';
  tenant: string;
  village: string;
  villagePath: string;
  town: string;
  /** Cases at verification (village task), townReview (town task) and countyApproval (county task). */
  cases: { verification: string; townReview: string; countyApproval: string };
  tasks: { verification: { id: string; roles: string[]; orgPath: string }; townReview: { id: string; roles: string[]; orgPath: string }; countyApproval: { id: string; roles: string[]; orgPath: string } };
  household: { id: string; idNumber: string };
}

interface Subject { username: string; roles: string[]; orgPath: string }

let harness: ApiHarness;
const fixtures: Fixture[] = [];
const subjects = new Map<string, Subject>();
const orgPaths = new Map<string, string>();
let cells = 0;

const sees = (u: Subject, f: Fixture) => SEES[u.username].includes(f.name);
const levelOf = (f: Fixture, t: { id: string }) => (Object.keys(f.tasks) as TaskLevel[]).find((level) => f.tasks[level].id === t.id)!;
const acts = (u: Subject, f: Fixture, t: { id: string }) => WORKS[f.name][levelOf(f, t)].includes(u.username);
const seesTask = (u: Subject, f: Fixture, t: { id: string }) => sees(u, f) || acts(u, f, t);

/** One cell: the answer's status must be the expected one. */
function cell(label: string, answer: ApiAnswer, expected: number) {
  cells++;
  if (answer.status !== expected) throw new Error(`${label}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 300)}`);
}
/** One cell about presence in a list. */
function presence(label: string, present: boolean, expected: boolean) {
  cells++;
  if (present !== expected) throw new Error(`${label}: expected ${expected ? 'listed' : 'absent'}, was ${present ? 'listed' : 'absent'}`);
}

async function startCase(clerk: ApiClient) {
  const answer = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
  if (answer.status !== 201) throw new Error(answer.text);
  return answer.body.id as string;
}

async function buildFixture(name: 'A' | 'B', village: 'dongyuan' | 'zhuanshui', clerkName: string): Promise<Fixture> {
  const clerk = await harness.login(clerkName);
  const verification = await startCase(clerk);
  const townReview = await startCase(clerk);
  const countyApproval = await startCase(clerk);
  await drive(harness, village, verification, ['SUBMIT']);
  for (const id of [townReview, countyApproval]) await drive(harness, village, id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
  return { name, tenant: '441424', village: '', villagePath: '', town: '', cases: { verification, townReview, countyApproval }, tasks: {} as Fixture['tasks'], household: { id: '', idNumber: '' } };
}

async function taskOf(clerk: ApiClient, instanceId: string) {
  const t = await openTaskOf(clerk, instanceId);
  return { id: t.id as string, roles: t.candidateRoles as string[], orgPath: orgPaths.get(t.orgUnitId)! };
}

beforeAll(async () => {
  harness = await startApiHarness({ objectionLimit: 1000 });
  const { pool } = harness.services.db;
  const a = await buildFixture('A', 'dongyuan', 'cun-dongyuan');
  const b = await buildFixture('B', 'zhuanshui', 'cun-zhuanshui');
  await harness.anonymous.post('/api/test/clock', { advance: 'P7D' });
  await drive(harness, 'dongyuan', a.cases.townReview, ['FORWARD']);
  await drive(harness, 'dongyuan', a.cases.countyApproval, ['FORWARD', 'APPROVE']);
  await drive(harness, 'zhuanshui', b.cases.townReview, ['FORWARD']);
  await drive(harness, 'zhuanshui', b.cases.countyApproval, ['FORWARD', 'APPROVE']);

  // Another county on the same deployment: a copy of A's cases and tasks under tenant 441481.
  await pool.query(`INSERT INTO org_units (id, tenant_id, parent_id, level, name, path) VALUES
    ('441481', '441481', NULL, 'county', '兴宁市', '441481'), ('441481100', '441481', '441481', 'town', '宁新街道', '441481/441481100'),
    ('441481100201', '441481', '441481100', 'village', '大坪村', '441481/441481100/441481100201')`);
  const mapPath = `regexp_replace(regexp_replace(regexp_replace(%s, '441424130201', '441481100201'), '441424130', '441481100'), '^441424', '441481')`;
  const idMap: Record<string, string> = {};
  for (const id of Object.values(a.cases)) {
    const { rows } = await pool.query(
      `INSERT INTO instances (id, tenant_id, definition_id, definition_key, definition_version, status, state, snapshot, data, org_unit_id, org_path, title, version,
         history_seq, history_hash, created_by, created_at, updated_at)
       SELECT gen_random_uuid(), '441481', definition_id, definition_key, definition_version, status, state, snapshot, data, '441481100201',
         ${mapPath.replace('%s', 'org_path')}, title, version, history_seq, history_hash, NULL, created_at, updated_at FROM instances WHERE id = $1 RETURNING id`, [id]);
    idMap[id] = rows[0].id;
    await pool.query(
      `INSERT INTO tasks (id, tenant_id, instance_id, definition_key, definition_version, state, title, form_key, outcomes, candidate_roles, org_unit_id, org_path, status, due_at, created_at)
       SELECT gen_random_uuid(), '441481', $2, definition_key, definition_version, state, title, form_key, outcomes, candidate_roles,
         ${mapPath.replace('%s', 'org_unit_id')}, ${mapPath.replace('%s', 'org_path')}, status, due_at, created_at
       FROM tasks WHERE instance_id = $1 AND status IN ('open', 'claimed')`, [id, rows[0].id]);
  }
  const c: Fixture = { ...a, name: 'C', tenant: '441481', cases: { verification: idMap[a.cases.verification], townReview: idMap[a.cases.townReview], countyApproval: idMap[a.cases.countyApproval] } };

  const units = await pool.query('SELECT id, path FROM org_units');
  for (const u of units.rows) orgPaths.set(u.id, u.path);
  const users = await pool.query('SELECT u.username, u.roles, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id');
  for (const u of users.rows) subjects.set(u.username, { username: u.username, roles: u.roles, orgPath: u.path });

  const places = { A: ['441424130201', '441424130', '441424130201'], B: ['441424103201', '441424103', '441424103201'], C: ['441481100201', '441481100', '441481100201'] } as const;
  const idNumbers = { A: '44142419680315301X', B: '441424197001011234', C: '441481198001011234' };
  for (const f of [a, b, c]) {
    const [village, town] = places[f.name];
    Object.assign(f, { village, town, villagePath: orgPaths.get(village)! });
    const { rows } = await pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, '测试户' || $5, $4, '一般贫困户', '未脱贫', '{"members": [{}, {}]}', now(), now()) RETURNING id`,
      [f.tenant, village, f.villagePath, idNumbers[f.name], f.name]);
    f.household = { id: rows[0].id, idNumber: idNumbers[f.name] };
  }
  const viewer = { A: 'cun-dongyuan', B: 'cun-zhuanshui' } as const;
  for (const f of [a, b]) {
    const clerk = await harness.login(viewer[f.name as 'A' | 'B']);
    f.tasks = { verification: await taskOf(clerk, f.cases.verification), townReview: await taskOf(clerk, f.cases.townReview), countyApproval: await taskOf(clerk, f.cases.countyApproval) };
  }
  const copied = async (instanceId: string) => {
    const { rows } = await pool.query('SELECT id, candidate_roles, org_path FROM tasks WHERE instance_id = $1', [instanceId]);
    return { id: rows[0].id as string, roles: rows[0].candidate_roles as string[], orgPath: rows[0].org_path as string };
  };
  c.tasks = { verification: await copied(c.cases.verification), townReview: await copied(c.cases.townReview), countyApproval: await copied(c.cases.countyApproval) };
  fixtures.push(a, b, c);
}, 120_000);
afterAll(async () => { await harness.close(); });

const statusFor = (visible: boolean, allowed: boolean, ok: number) => (!visible ? 404 : !allowed ? 403 : ok);

describe('authorization matrix', () => {
  it('When every demo user calls every endpoint on cases in and out of their org scope, then nothing leaks', async () => {
    for (const username of USERS) {
      const u = subjects.get(username)!;
      const client = await harness.login(username);
      for (const f of fixtures) {
        const label = (what: string) => `${username} × ${f.name} × ${what}`;
        const { verification: tv, townReview: tt, countyApproval: tc } = f.tasks;

        cell(label('GET instance'), await client.get(`/api/instances/${f.cases.verification}`), sees(u, f) ? 200 : 404);
        cell(label('GET instance at county'), await client.get(`/api/instances/${f.cases.countyApproval}`), sees(u, f) ? 200 : 404);
        for (const [name, t] of [['village', tv], ['town', tt], ['county', tc]] as const) {
          cell(label(`GET ${name} task`), await client.get(`/api/tasks/${t.id}`), seesTask(u, f, t) ? 200 : 404);
        }
        const claim = await client.post(`/api/tasks/${tv.id}/claim`);
        cell(label('claim village task'), claim, statusFor(seesTask(u, f, tv), acts(u, f, tv), 200));
        if (claim.status === 200) await client.post(`/api/tasks/${tv.id}/unclaim`);
        cell(label('unclaim town task'), await client.post(`/api/tasks/${tt.id}/unclaim`), statusFor(seesTask(u, f, tt), acts(u, f, tt), 200));
        cell(label('complete county task'), await client.post(`/api/tasks/${tc.id}/complete`, { outcome: 'NOPE', data: {} }), statusFor(seesTask(u, f, tc), acts(u, f, tc), 400));
        // Inspectors read and verify but change nothing: no comment on a task they do not work.
        cell(label('comment on town task'), await client.post(`/api/tasks/${tt.id}/comments`, { text: `${username} 查看` }), !seesTask(u, f, tt) ? 404 : username === 'ducha' ? 403 : 201);
        cell(label('read comments of town task'), await client.get(`/api/tasks/${tt.id}/comments`), seesTask(u, f, tt) ? 200 : 404);
        const batch = await client.post('/api/tasks/batch-complete', { taskIds: [tt.id], outcome: 'NOPE' });
        cells++;
        expect(batch.body.results[0].status).toBe(statusFor(seesTask(u, f, tt), acts(u, f, tt), 400));

        cell(label('GET household'), await client.get(`/api/households/${f.household.id}`), sees(u, f) ? 200 : 404);
        const unmasked = await client.get(`/api/households/${f.household.id}?unmask=1&reason=${encodeURIComponent('核查身份证号')}`);
        cell(label('unmask household'), unmasked, statusFor(sees(u, f), ['admin', 'xian'].includes(username), 200));
        if (unmasked.status === 200) expect(unmasked.body.headIdNumber).toBe(f.household.idNumber);

        const start = await client.post('/api/instances', { definitionKey: 'household-identification', orgUnitId: f.village });
        cell(label('start a case there'), start, !ROLES[username].includes('village_clerk') ? 403 : sees(u, f) ? 201 : 404);

        const inbox = await client.get(`/api/tasks?orgUnit=${f.village}&pageSize=200`);
        presence(label('inbox filtered to the village lists its village task'), inbox.body.items.some((t: any) => t.id === tv.id), acts(u, f, tv));
        const all = await client.get('/api/tasks?pageSize=200');
        for (const [name, t] of [['village', tv], ['town', tt], ['county', tc]] as const) {
          presence(label(`inbox lists the ${name} task`), all.body.items.some((x: any) => x.id === t.id), acts(u, f, t));
        }
        const instances = await client.get('/api/instances?pageSize=200');
        presence(label('instances list'), instances.body.items.some((i: any) => i.id === f.cases.verification), sees(u, f));
        const households = await client.get('/api/households?pageSize=200');
        presence(label('households list'), households.body.items.some((h: any) => h.id === f.household.id), sees(u, f));
        const report = await client.get('/api/reports/progress');
        presence(label('report row of the town'), report.body.towns.some((t: any) => t.orgUnitId === f.town), REPORT_TOWN[username].includes(f.name));
        const exported = await client.get('/api/households/export.xlsx');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(exported.body as unknown as ArrayBuffer);
        const ids: string[] = [];
        workbook.worksheets[0].eachRow((row) => ids.push(String(row.getCell(4).value)));
        presence(label('export'), ids.includes(`${f.household.idNumber.slice(0, 6)}********${f.household.idNumber.slice(-4)}`), sees(u, f));
        expect(ids).not.toContain(f.household.idNumber);
      }

      // Whatever the filters, a list holds only what the caller may act on or see.
      const inbox = await client.get('/api/tasks?pageSize=200');
      for (const t of inbox.body.items) {
        expect({ task: t.id, works: t.candidateRoles.some((r: string) => ROLES[username].includes(r)), visible: VISIBLE_UNIT[username](t.orgUnitId) })
          .toEqual({ task: t.id, works: true, visible: true });
      }
      const instances = await client.get('/api/instances?pageSize=200');
      for (const i of instances.body.items) expect({ instance: i.id, unit: i.orgUnitId, visible: VISIBLE_UNIT[username](i.orgUnitId) }).toEqual({ instance: i.id, unit: i.orgUnitId, visible: true });
      const households = await client.get('/api/households?pageSize=200');
      for (const h of households.body.items) {
        expect({ household: h.id, unit: h.orgUnitId, visible: VISIBLE_UNIT[username](h.orgUnitId) }).toEqual({ household: h.id, unit: h.orgUnitId, visible: true });
        expect(h.headIdNumber).toContain('*');
      }
    }

    // Without a session every endpoint that needs one answers 401, whichever case it names.
    const anonymous = harness.anonymous;
    for (const f of fixtures) {
      const t = f.tasks.townReview.id;
      const requests: Array<[string, Promise<ApiAnswer>]> = [
        ['GET instance', anonymous.get(`/api/instances/${f.cases.verification}`)], ['GET instances', anonymous.get('/api/instances')],
        ['GET task', anonymous.get(`/api/tasks/${t}`)], ['GET inbox', anonymous.get('/api/tasks')],
        ['claim', anonymous.post(`/api/tasks/${t}/claim`)], ['unclaim', anonymous.post(`/api/tasks/${t}/unclaim`)],
        ['complete', anonymous.post(`/api/tasks/${t}/complete`, { outcome: 'APPROVE' })], ['comment', anonymous.post(`/api/tasks/${t}/comments`, { text: 'x' })],
        ['comments', anonymous.get(`/api/tasks/${t}/comments`)], ['batch', anonymous.post('/api/tasks/batch-complete', { taskIds: [t], outcome: 'APPROVE' })],
        ['GET household', anonymous.get(`/api/households/${f.household.id}`)], ['GET households', anonymous.get('/api/households')],
        ['export', anonymous.get('/api/households/export.xlsx')], ['start', anonymous.post('/api/instances', { definitionKey: 'household-identification', orgUnitId: f.village })],
        ['report', anonymous.get('/api/reports/progress')], ['definitions', anonymous.get('/api/definitions')], ['form', anonymous.get('/api/forms/household-identification.application')],
        ['me', anonymous.get('/api/me')],
      ];
      for (const [what, answer] of requests) cell(`anonymous × ${f.name} × ${what}`, await answer, 401);
    }

    const expected = USERS.length * fixtures.length * 22 + fixtures.length * 18;
    console.log(`authorization matrix: ${cells} cells (${USERS.length} users × ${fixtures.length} cases × 22 checks + ${fixtures.length} × 18 anonymous), no leaks`);
    expect(cells).toBe(expected);
  }, 120_000);

  it('When anyone reads public notices, then ID numbers are masked, names as the county sets, and no session is needed', async () => {
    const notices = await harness.anonymous.get('/api/notices?status=all&pageSize=200');
    expect(notices.status).toBe(200);
    expect(notices.body.items.length).toBeGreaterThan(0);
    // The shipped configuration shows names in full for public scrutiny (publicNotice.maskNames: false).
    const maskNames = harness.services.county.publicNotice.maskNames;
    for (const n of notices.body.items) {
      expect(n.content.headIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (maskNames) expect(n.content.headName).toContain('*');
      else expect(n.content.headName).not.toContain('*');
    }
    expect(notices.text).not.toMatch(/\d{17}[\dX]/);
  });
});

/**
 * The admin endpoints (scratch/admin-contract.md) × every demo user × the three cases' org units:
 * only admins edit (the audit trail also reads for inspectors), everyone else gets 403, no session
 * gets 401, and nothing of another county or of a draft shows up in what non-admins read.
 */
describe('authorization matrix of the admin endpoints', () => {
  const KEY = 'household-identification';
  const FORM = `${KEY}.application`;
  const otherCountyUser = '00000000-0000-4000-8000-000000441481';
  const fixtureUser: Record<string, string> = {};
  let document: any;
  let formVersion: number;
  let adminCells = 0;
  const check = (label: string, answer: ApiAnswer, expected: number) => { adminCells++; cell(label, answer, expected); };
  const listed = (label: string, present: boolean, expected: boolean) => { adminCells++; presence(label, present, expected); };

  beforeAll(async () => {
    const { pool } = harness.services.db;
    const admin = await harness.login('admin');
    // Version 2 published (so running cases can be dry-run migrated to it), version 3 a draft.
    await admin.post(`/api/definitions/${KEY}/drafts`, {});
    expect((await admin.post(`/api/definitions/${KEY}/drafts/2/publish`)).status).toBe(200);
    expect((await admin.post(`/api/definitions/${KEY}/drafts`, {})).body.version).toBe(3);
    document = (await admin.get(`/api/definitions/${KEY}/versions/1`)).body.document;
    const form = (await admin.get(`/api/forms/${FORM}`)).body;
    formVersion = (await admin.request('PUT', `/api/forms/${FORM}`, { title: form.title, schema: form.schema, uiSchema: form.uiSchema })).body.version;
    // Another county's user and audit row, which no list of this county may show.
    const { rows } = await pool.query(`SELECT password_hash FROM users WHERE username = 'admin'`);
    await pool.query(`INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id) VALUES ($1, '441481', 'xingning-admin', '兴宁 管理员', $2, '{admin}', '441481')`,
      [otherCountyUser, rows[0].password_hash]);
    await pool.query(`INSERT INTO audit_events (id, tenant_id, at, actor, action, target, details) VALUES (gen_random_uuid(), '441481', now(), '{"username": "xingning-admin"}', 'user.create', 'tenant-441481-secret', '{}')`);
    const ids = await pool.query(`SELECT id, username FROM users WHERE username IN ('cun-dongyuan', 'cun-zhuanshui')`);
    for (const r of ids.rows) fixtureUser[r.username === 'cun-dongyuan' ? 'A' : 'B'] = r.id;
    fixtureUser.C = otherCountyUser;
  }, 60_000);

  it('When every demo user calls every admin endpoint for each case\'s org unit, then only admins act and nothing leaks', async () => {
    for (const username of USERS) {
      const isAdmin = username === 'admin';
      const readsAudit = isAdmin || username === 'ducha';
      const client = await harness.login(username);
      const edit = (ok: number) => (isAdmin ? ok : 403);
      for (const f of fixtures) {
        const label = (what: string) => `${username} × ${f.name} × admin ${what}`;
        const home = f.tenant === '441424';

        const definitions = await client.get('/api/definitions');
        check(label('GET definitions'), definitions, 200);
        const versions = definitions.body.items.find((d: any) => d.key === KEY).versions;
        listed(label('draft listed'), versions.some((v: any) => v.status === 'draft'), isAdmin);
        listed(label('running counts listed'), versions.some((v: any) => 'runningInstances' in v), isAdmin);
        check(label('GET draft version'), await client.get(`/api/definitions/${KEY}/versions/3`), isAdmin ? 200 : 404);
        const retired = await client.get(`/api/definitions/${KEY}/versions/1`);
        check(label('GET retired version'), retired, 200);
        listed(label('whole document'), 'document' in retired.body, isAdmin);
        check(label('new draft'), await client.post(`/api/definitions/${KEY}/drafts`, {}), edit(200));
        check(label('save draft'), await client.request('PUT', `/api/definitions/${KEY}/drafts/3`, { document }), edit(200));
        check(label('lint'), await client.post(`/api/definitions/${KEY}/lint`, { document }), edit(200));
        check(label('publish a published version'), await client.post(`/api/definitions/${KEY}/drafts/1/publish`), edit(409));
        check(label('diff'), await client.get(`/api/definitions/${KEY}/diff?from=1&to=3`), edit(200));
        check(label('simulate'), await client.post(`/api/definitions/${KEY}/simulate`, { document, steps: [] }), edit(200));
        check(label('create a definition that exists'), await client.post('/api/definitions', { key: KEY, title: '重复' }), edit(409));
        const migration = await client.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: {}, dryRun: true });
        check(label('migration dry run'), migration, edit(200));
        listed(label('migration lists the case'), (migration.body.items ?? []).some((i: any) => i.instanceId === f.cases.verification), isAdmin && home);

        check(label('save a form draft'), await client.request('PUT', `/api/forms/${FORM}`, { title: { zh: '申请' }, schema: { type: 'object' } }), edit(200));
        check(label('read the form draft'), await client.get(`/api/forms/${FORM}?draft=true`), isAdmin ? 200 : 404);
        check(label('read the draft by version'), await client.get(`/api/forms/${FORM}?version=${formVersion}`), isAdmin ? 200 : 404);

        const users = await client.get('/api/admin/users?pageSize=200');
        check(label('list users'), users, edit(200));
        listed(label('users list the case\'s clerk'), (users.body.items ?? []).some((x: any) => x.id === fixtureUser[f.name]), isAdmin && home);
        check(label('create a user that exists'), await client.post('/api/admin/users', { username: 'xian', displayName: '县', password: 'long-enough-1', roles: ['county_reviewer'], orgUnitId: '441424' }), edit(409));
        check(label('update the case\'s clerk'), await client.request('PATCH', `/api/admin/users/${fixtureUser[f.name]}`, { disabled: false }), edit(home ? 200 : 404));
        check(label('create an org unit that exists'), await client.post('/api/admin/org-units', { id: f.village, parentId: f.town, level: 'village', name: '重复' }), edit(409));
        check(label('rename the case\'s village'), await client.request('PATCH', `/api/admin/org-units/${f.village}`, { relativelyPoor: false }), edit(home ? 200 : 404));
        const audit = await client.get('/api/admin/audit?pageSize=200');
        check(label('audit trail'), audit, readsAudit ? 200 : 403);
        listed(label('audit lists another county'), (audit.body.items ?? []).some((a: any) => a.target === 'tenant-441481-secret'), false);
      }
    }

    const anonymous = harness.anonymous;
    for (const f of fixtures) {
      const requests: Array<[string, Promise<ApiAnswer>]> = [
        ['draft version', anonymous.get(`/api/definitions/${KEY}/versions/3`)], ['new draft', anonymous.post(`/api/definitions/${KEY}/drafts`, {})],
        ['save draft', anonymous.request('PUT', `/api/definitions/${KEY}/drafts/3`, { document })], ['lint', anonymous.post(`/api/definitions/${KEY}/lint`, { document })],
        ['publish', anonymous.post(`/api/definitions/${KEY}/drafts/3/publish`)], ['diff', anonymous.get(`/api/definitions/${KEY}/diff?from=1&to=3`)],
        ['simulate', anonymous.post(`/api/definitions/${KEY}/simulate`, { document, steps: [] })], ['create', anonymous.post('/api/definitions', { key: 'x-y', title: 'x' })],
        ['migrate', anonymous.post(`/api/definitions/${KEY}/migrations`, { fromVersion: 1, toVersion: 2, mapping: {}, dryRun: false })],
        ['save form', anonymous.request('PUT', `/api/forms/${FORM}`, { title: '申请', schema: { type: 'object' } })], ['form draft', anonymous.get(`/api/forms/${FORM}?draft=true`)],
        ['users', anonymous.get('/api/admin/users')], ['create user', anonymous.post('/api/admin/users', { username: 'nobody', displayName: 'x', password: 'long-enough-1', roles: ['admin'], orgUnitId: '441424' })],
        ['update user', anonymous.request('PATCH', `/api/admin/users/${fixtureUser[f.name]}`, { disabled: true })],
        ['create org unit', anonymous.post('/api/admin/org-units', { id: '441424130297', parentId: f.town, level: 'village', name: 'x' })],
        ['update org unit', anonymous.request('PATCH', `/api/admin/org-units/${f.village}`, { name: 'x' })], ['audit', anonymous.get('/api/admin/audit')],
      ];
      for (const [what, answer] of requests) check(`anonymous × ${f.name} × admin ${what}`, await answer, 401);
    }

    const perCell = 26;
    const expected = USERS.length * fixtures.length * perCell + fixtures.length * 17;
    console.log(`authorization matrix, admin endpoints: ${adminCells} cells (${USERS.length} users × ${fixtures.length} org units × ${perCell} checks + ${fixtures.length} × 17 anonymous), no leaks`);
    expect(adminCells).toBe(expected);
    // Nothing the refused calls asked for happened.
    const { rows } = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE username = 'nobody' OR disabled`);
    expect(rows[0].n).toBe(0);
    expect((await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM org_units WHERE id = '441424130297' OR name = 'x'`)).rows[0].n).toBe(0);
  }, 180_000);
});

/**
 * Every mutating route of the API, read from the OpenAPI document (so a new route cannot be left
 * out) × every demo user, each on fixture A (五华县 华城镇 董源村, which the inspector may read):
 * a route without a sample request here fails the test until one is written. The inspector reads
 * and verifies but changes nothing, so every one of these answers 403 for `ducha`.
 */
describe('authorization matrix of every mutating route', () => {
  const KEY = 'household-identification';
  const FORM = `${KEY}.application`;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  /** Routes a session may call that change no shared record: ending one's own session, one's own saved inbox filters (case-subjects.test.ts). */
  const NOT_A_CHANGE = new Set(['POST /auth/logout', 'POST /inbox/filters', 'DELETE /inbox/filters/{id}',
    // Reading one's own messages (messages.test.ts).
    'POST /notifications/{id}/read', 'POST /notifications/read-all']);

  interface Sample {
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** The status the route decides; batch routes answer 200 and decide per item. */
    statusOf?: (answer: ApiAnswer) => number;
    /** The expected status for each demo user, written from the tables above. */
    expected: (username: string) => number;
    /** Puts back what a successful call changed, so later rows start from the same cases. */
    undo?: (client: ApiClient) => Promise<unknown>;
  }

  it('When every demo user calls every mutating route, then the inspector gets 403 on each and everyone else their own answer', async () => {
    const a = fixtures.find((f) => f.name === 'A')!;
    const admin = await harness.login('admin');
    const document = (await admin.get(`/api/definitions/${KEY}/versions/1`)).body.document;
    const { rows } = await harness.services.db.pool.query(`SELECT id FROM users WHERE username = 'cun-dongyuan'`);
    const clerkId = rows[0].id as string;
    const seesA = (u: string) => SEES[u].includes('A');
    const onlyAdmin = (ok: number) => (u: string) => (u === 'admin' ? ok : 403);
    /** A task of A: its worker gets `ok`, others who see the case 403, the rest 404. */
    const onTask = (level: TaskLevel, ok: number) => (u: string) => (WORKS.A[level].includes(u) ? ok : seesA(u) ? 403 : 404);
    const garbage = Buffer.from('not a workbook');

    const samples: Record<string, Sample> = {
      'POST /definitions': { path: '/api/definitions', body: { key: KEY, title: '重复' }, expected: onlyAdmin(409) },
      'POST /definitions/{key}/drafts': { path: `/api/definitions/${KEY}/drafts`, body: {}, expected: onlyAdmin(200) },
      'PUT /definitions/{key}/drafts/{v}': { path: `/api/definitions/${KEY}/drafts/3`, body: { document }, expected: onlyAdmin(200) },
      'POST /definitions/{key}/lint': { path: `/api/definitions/${KEY}/lint`, body: { document }, expected: onlyAdmin(200) },
      'POST /definitions/{key}/drafts/{v}/publish': { path: `/api/definitions/${KEY}/drafts/1/publish`, expected: onlyAdmin(409) },
      'POST /definitions/{key}/simulate': { path: `/api/definitions/${KEY}/simulate`, body: { document, steps: [] }, expected: onlyAdmin(200) },
      'POST /definitions/{key}/migrations': {
        path: `/api/definitions/${KEY}/migrations`, body: { fromVersion: 1, toVersion: 2, mapping: {}, dryRun: true }, expected: onlyAdmin(200),
      },
      'PUT /forms/{key}': { path: `/api/forms/${FORM}`, body: { title: { zh: '申请' }, schema: { type: 'object' } }, expected: onlyAdmin(200) },
      // Every shared block removed while forms use them: the admin's 400 (form-blocks.test.ts saves real changes).
      'PUT /form-blocks': { path: '/api/form-blocks', body: { defs: {}, forms: [] }, headers: { 'if-match': '"0"' }, expected: onlyAdmin(400) },
      'POST /admin/users': {
        path: '/api/admin/users', body: { username: 'xian', displayName: '县', password: 'long-enough-1', roles: ['county_reviewer'], orgUnitId: '441424' },
        expected: onlyAdmin(409),
      },
      'PATCH /admin/users/{id}': { path: `/api/admin/users/${clerkId}`, body: { disabled: false }, expected: onlyAdmin(200) },
      'POST /admin/org-units': { path: '/api/admin/org-units', body: { id: a.village, parentId: a.town, level: 'village', name: '重复' }, expected: onlyAdmin(409) },
      'PATCH /admin/org-units/{id}': { path: `/api/admin/org-units/${a.village}`, body: { relativelyPoor: false }, expected: onlyAdmin(200) },
      'POST /org-units/import': { path: '/api/org-units/import', body: garbage, headers: { 'content-type': XLSX }, expected: onlyAdmin(400) },
      'POST /households/import': {
        path: '/api/households/import', body: garbage, headers: { 'content-type': XLSX }, expected: (u) => (['admin', 'xian'].includes(u) ? 400 : 403),
      },
      // The error workbook of a refused import changes nothing, but answers only those who may import.
      'POST /org-units/import/errors.xlsx': { path: '/api/org-units/import/errors.xlsx', body: garbage, headers: { 'content-type': XLSX }, expected: onlyAdmin(400) },
      // Not a photo or scan: 400 for everyone who may upload; the inspector works no task of A.
      'POST /attachments': {
        path: '/api/attachments',
        body: Buffer.from('--jzmatrix\r\nContent-Disposition: form-data; name="file"; filename="说明.txt"\r\nContent-Type: text/plain\r\n\r\n不是照片\r\n--jzmatrix--\r\n'),
        headers: { 'content-type': 'multipart/form-data; boundary=jzmatrix' },
        expected: (u) => (u === 'ducha' ? 403 : 400),
      },
      'POST /households/import/errors.xlsx': {
        path: '/api/households/import/errors.xlsx', body: garbage, headers: { 'content-type': XLSX }, expected: (u) => (['admin', 'xian'].includes(u) ? 400 : 403),
      },
      'POST /instances': {
        path: '/api/instances', body: { definitionKey: KEY, orgUnitId: a.village },
        expected: (u) => (!ROLES[u].includes('village_clerk') ? 403 : seesA(u) ? 201 : 404),
      },
      'POST /tasks/{id}/claim': {
        path: `/api/tasks/${a.tasks.verification.id}/claim`, expected: onTask('verification', 200),
        undo: (client) => client.post(`/api/tasks/${a.tasks.verification.id}/unclaim`),
      },
      'POST /tasks/{id}/unclaim': { path: `/api/tasks/${a.tasks.townReview.id}/unclaim`, expected: onTask('townReview', 200) },
      'POST /tasks/{id}/complete': { path: `/api/tasks/${a.tasks.countyApproval.id}/complete`, body: { outcome: 'NOPE', data: {} }, expected: onTask('countyApproval', 400) },
      'POST /tasks/batch-complete': {
        path: '/api/tasks/batch-complete', body: { taskIds: [a.tasks.townReview.id], outcome: 'NOPE' }, expected: onTask('townReview', 400),
        statusOf: (answer) => (answer.status === 200 ? answer.body.results[0].status : answer.status),
      },
      // 转办 to someone who is no colleague of the task's unit: its worker gets the field message, nobody else gets that far.
      'POST /tasks/{id}/reassign': { path: `/api/tasks/${a.tasks.verification.id}/reassign`, body: { userId: clerkId }, expected: onTask('verification', 400) },
      // 催办: those who follow the case and do not work the task; its workers and the inspector may not (each 催办 is taken back, or the hourly limit would answer 429).
      'POST /tasks/{id}/urge': {
        path: `/api/tasks/${a.tasks.townReview.id}/urge`, body: {}, expected: (u) => (!seesA(u) ? 404 : u === 'ducha' || WORKS.A.townReview.includes(u) ? 403 : 201),
        undo: () => harness.services.db.pool.query(`DELETE FROM notifications WHERE kind = 'urge' AND task_id = $1`, [a.tasks.townReview.id]),
      },
      // The fund ledger is booked by the county office: a receipt (undone after), an interest subsidy for a household that is not there.
      'POST /funds/receipts': {
        path: '/api/funds/receipts', body: { year: 2017, source: '县级财政专项扶贫资金', amount: 1, documentNumber: '权限矩阵' },
        expected: (u) => (['admin', 'xian'].includes(u) ? 201 : 403),
        undo: () => harness.services.db.pool.query(`DELETE FROM fund_receipts WHERE document_number = '权限矩阵'`),
      },
      'POST /funds/interest-subsidies': {
        path: '/api/funds/interest-subsidies',
        body: { householdId: 'none', loanAmount: 50000, loanYears: 3, subsidyAmount: 2000, source: '县级财政专项扶贫资金', paidOn: '2017-06-30' },
        expected: (u) => (['admin', 'xian'].includes(u) ? 400 : 403),
      },
      // After registration (help-after-registration.test.ts): only the town, the county office and the admin pair a helper
      // (the clerk is no helper: 400); the village enters card lines (an empty entry: 400); plans and measures are the
      // helper's and the departments', none of whom is in this matrix.
      'POST /households/{id}/helper': {
        path: `/api/households/${a.household.id}/helper`, body: { helperUserId: clerkId, reason: '调整' },
        expected: (u) => (!seesA(u) ? 404 : ['admin', 'xian', 'zhen-huacheng'].includes(u) ? 400 : 403),
      },
      'POST /households/{id}/help-records': {
        path: `/api/households/${a.household.id}/help-records`, body: {}, expected: (u) => (!seesA(u) ? 404 : u === 'cun-dongyuan' ? 400 : 403),
      },
      'PUT /households/{id}/plans/{year}': { path: `/api/households/${a.household.id}/plans/2017`, body: {}, expected: (u) => (!seesA(u) ? 404 : 403) },
      'POST /households/{id}/measures': { path: `/api/households/${a.household.id}/measures`, body: {}, expected: (u) => (!seesA(u) ? 404 : 403) },
      // A year's indicators of village A: bad data, so the answer is the form's 400 for those who may record there.
      'POST /villages/{id}/indicators': {
        path: `/api/villages/${a.village}/indicators`, body: { year: 2017 },
        expected: (u) => (!ROLES[u].some((r) => ['village_clerk', 'town_reviewer', 'county_reviewer', 'admin'].includes(r)) ? 403 : !seesA(u) ? 404 : 400),
      },
      // 回头看 of village A: the first town or county reviewer who sees it starts it (201), the next gets the Chinese 409 (registry-review.test.ts); both mean "may start".
      'POST /registry-reviews': {
        path: '/api/registry-reviews', body: { year: 2017, villageIds: [a.village] },
        statusOf: (answer) => (answer.status === 201 ? 409 : answer.status),
        expected: (u) => (!ROLES[u].some((r) => ['town_reviewer', 'county_reviewer'].includes(r)) ? 403 : !seesA(u) ? 404 : 409),
      },
      'POST /tasks/{id}/comments': {
        path: `/api/tasks/${a.tasks.townReview.id}/comments`, body: { text: '意见' }, expected: (u) => (!seesA(u) ? 404 : u === 'ducha' ? 403 : 201),
      },
    };

    const openapi = (await harness.anonymous.get('/api/openapi.json')).body;
    const mutating: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, any>>(openapi.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        // Public routes (login, objections to a notice, the test clock) are the same for everyone and need no role.
        if (method === 'get' || (operation.security ?? []).length === 0) continue;
        const route = `${method.toUpperCase()} ${path.replace(/^\/api/, '')}`;
        if (!NOT_A_CHANGE.has(route)) mutating.push(route);
      }
    }
    expect(mutating.length).toBeGreaterThanOrEqual(Object.keys(samples).length);
    const missing = mutating.filter((route) => !samples[route]);
    if (missing.length) throw new Error(`Mutating routes without a row in the authorization matrix (add a sample and who may call it): ${missing.join(', ')}`);
    // A sample for a route that is gone would test nothing.
    expect(Object.keys(samples).filter((route) => !mutating.includes(route))).toEqual([]);

    let routeCells = 0;
    for (const username of USERS) {
      const client = await harness.login(username);
      for (const route of mutating) {
        const sample = samples[route];
        const method = route.split(' ')[0];
        const answer = await client.request(method, sample.path, sample.body ?? {}, sample.headers);
        const status = sample.statusOf ? sample.statusOf(answer) : answer.status;
        cell(`${username} × ${route}`, { ...answer, status }, sample.expected(username));
        routeCells++;
        if (username === 'ducha') expect(status).toBe(403);
        if (status < 300 && sample.undo) await sample.undo(client);
      }
    }
    console.log(`authorization matrix, mutating routes: ${routeCells} cells (${USERS.length} users × ${mutating.length} routes); the inspector got 403 on every one`);
    expect(routeCells).toBe(USERS.length * mutating.length);
  }, 120_000);
});
