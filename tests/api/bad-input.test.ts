import { createServer } from 'node:http';
import { createApp } from '../../server/src/api/create-app';
import { hashPassword } from '../../server/src/auth/passwords';
import { exampleFor } from '../support/form-examples';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

let harness: ApiHarness;
let clerk: ApiClient;
let taskId: string;
let instanceId: string;
beforeAll(async () => {
  harness = await startApiHarness({ objectionLimit: 4 });
  clerk = await harness.login('cun-dongyuan');
  instanceId = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
  taskId = (await openTaskOf(clerk, instanceId)).id;
});
afterAll(async () => { await harness.close(); });

const expectError = (answer: { status: number; body: any; headers: Headers }, status: number, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/json');
  expect(answer.body.error).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+\.ts:\d+/);
};

describe('bad input never gets a 500', () => {
  it('When the body is malformed JSON, then the answer is 400 malformed_json', async () => {
    expectError(await clerk.post('/api/instances', '{"definitionKey": "household-', { 'content-type': 'application/json' }), 400, 'malformed_json');
  });

  it('When a field has the wrong type, then the answer is 400 naming the field', async () => {
    const answer = await clerk.post('/api/instances', { definitionKey: 42 });
    expectError(answer, 400, 'invalid');
    expect(answer.body.error.fields['/definitionKey']).toEqual([expect.stringContaining('string')]);
  });

  it('When a body has an unknown field, then it is refused with the field named, in English on request', async () => {
    const answer = await clerk.post(`/api/tasks/${taskId}/complete`, { outcome: 'SUBMIT', data: {}, approvedBy: 'me' }, { 'accept-language': 'en-US,en;q=0.9' });
    expectError(answer, 400, 'invalid');
    expect(answer.body.error.fields).toEqual({ '/approvedBy': ['is not a known field; remove it'] });
  });

  it('When form data fails its form, then the field messages come in zh-CN by default and in English with Accept-Language: en', async () => {
    const data = exampleFor('household-identification.application');
    data.household.head.idNumber = '441424196803153013';
    const zh = await clerk.post(`/api/tasks/${taskId}/complete`, { outcome: 'SUBMIT', data });
    expectError(zh, 400, 'invalid');
    expect(Object.keys(zh.body.error.fields)).toContain('/household/head/idNumber');
    expect(zh.body.error.fields['/household/head/idNumber'].join('')).toMatch(/[\u4e00-\u9fa5]/);
    const en = await clerk.post(`/api/tasks/${taskId}/complete`, { outcome: 'SUBMIT', data }, { 'accept-language': 'en' });
    expect(en.body.error.fields['/household/head/idNumber'].join('')).not.toMatch(/[\u4e00-\u9fa5]/);
    expect((await openTaskOf(clerk, instanceId)).status).toBe('open');
  });

  it('When the body is over the limit, then the answer is 413', async () => {
    const answer = await clerk.post(`/api/tasks/${taskId}/comments`, { text: 'x'.repeat(300 * 1024) });
    expectError(answer, 413, 'too_large');
  });

  it('When a mutating request with a session has no CSRF token, then the answer is 403 and nothing changes', async () => {
    const answer = await clerk.withoutCsrf().post(`/api/tasks/${taskId}/claim`);
    expectError(answer, 403, 'csrf');
    expect((await clerk.get(`/api/tasks/${taskId}`)).body.status).toBe('open');
    expectError(await clerk.withoutCsrf().post(`/api/tasks/${taskId}/claim`, {}, { 'x-csrf-token': 'forged' }), 403, 'csrf');
  });

  it('When a comment holds a <script>, then it is stored as text and answered as JSON, never as HTML', async () => {
    const text = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const posted = await clerk.post(`/api/tasks/${taskId}/comments`, { text });
    expect(posted.status).toBe(201);
    const listed = await clerk.get(`/api/tasks/${taskId}/comments`);
    expect(listed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(listed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(listed.body.items.map((c: any) => c.text)).toContain(text);
  });

  it('When the body is not JSON at all, or a query value has the wrong type, then the answer is 400', async () => {
    expectError(await clerk.post('/api/instances', 'definitionKey=x', { 'content-type': 'text/plain' }), 400, 'invalid');
    const page = await clerk.get('/api/tasks?page=abc&sort=random');
    expectError(page, 400, 'invalid');
    expect(Object.keys(page.body.error.fields).sort()).toEqual(['/page', '/sort']);
    expectError(await clerk.get('/api/tasks?pagesize=10'), 400, 'invalid');
  });

  it('When an id is not an id, or a path does not exist, then the answer is a JSON 404', async () => {
    expectError(await clerk.get('/api/tasks/not-a-uuid'), 404, 'not_found');
    expectError(await clerk.get('/api/instances/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectError(await clerk.get('/api/no-such-thing'), 404, 'not_found');
  });

  it('When nobody is logged in, then session endpoints answer 401', async () => {
    expectError(await harness.anonymous.get('/api/me'), 401, 'unauthenticated');
    expectError(await harness.anonymous.get('/api/tasks'), 401, 'unauthenticated');
    expectError(await harness.anonymous.post('/api/instances', { definitionKey: 'household-identification' }), 401, 'unauthenticated');
  });

  it('When a password is wrong five times, then the sixth try is refused with 429 even with the right password', async () => {
    for (let i = 0; i < 5; i++) expectError(await harness.anonymous.post('/api/auth/login', { username: 'ducha', password: `wrong-${i}` }), 401, 'invalid_credentials');
    const blocked = await harness.anonymous.post('/api/auth/login', { username: 'ducha', password: TEST_DEMO_PASSWORD });
    expectError(blocked, 429, 'too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other users from the same address are not affected.
    expect((await harness.anonymous.post('/api/auth/login', { username: 'admin', password: TEST_DEMO_PASSWORD })).status).toBe(200);
  });

  it('When logged in, then the cookie is httpOnly and SameSite=Lax, helmet headers are set, and logout ends the session', async () => {
    const login = await harness.anonymous.post('/api/auth/login', { username: 'cun-hezikou', password: TEST_DEMO_PASSWORD });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(login.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(login.headers.get('x-powered-by')).toBeNull();
    const user = await harness.login('cun-hezikou');
    expect((await user.get('/api/me')).body.user).toEqual(expect.objectContaining({ username: 'cun-hezikou', orgUnitName: '河子口村', roles: ['village_clerk', 'village_work_team'] }));
    expect((await user.post('/api/auth/logout')).status).toBe(204);
    expect((await user.get('/api/me')).status).toBe(401);
  });

  it('When objections are malformed, too long, too many, or the notice is unknown, then they are refused', async () => {
    await drive(harness, 'dongyuan', instanceId, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    const notices = await harness.anonymous.get('/api/notices?town=华城镇');
    const noticeId = notices.body.items[0].id;
    expectError(await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '   ' }), 400, 'invalid');
    expectError(await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '异'.repeat(2001) }), 400, 'invalid');
    expectError(await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '异议', email: 'a@b.c' }), 400, 'invalid');
    expectError(await harness.anonymous.post('/api/notices/00000000-0000-4000-8000-000000000000/objections', { content: '异议' }), 404, 'not_found');
    // The limit is 4 per address and hour in this suite: the fifth attempt is cut off, whatever it holds.
    expectError(await harness.anonymous.post(`/api/notices/${noticeId}/objections`, { content: '异议' }), 429, 'too_many_objections');
    const stored = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM objections');
    expect(stored.rows[0].n).toBe(0);
  });

  it('When the app runs without the test clock, then POST /api/test/clock does not exist', async () => {
    const app = createApp(harness.services);
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const answer = await fetch(`http://127.0.0.1:${port}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance":"P7D"}' });
    expect(answer.status).toBe(404);
    server.close();
  });
});

describe('values PostgreSQL cannot store, and numbers and dates out of range', () => {
  const NUL = '\u0000';
  const LONE_SURROGATE = '\ud800';
  let id: string;
  let task: any;
  beforeAll(async () => {
    id = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
    task = await openTaskOf(clerk, id);
  });
  const count = async (table: string) => (await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('When a login name or password holds a NUL, then the answer is 400 naming the field in Chinese', async () => {
    const answer = await harness.anonymous.post('/api/auth/login', { username: `cun-dongyuan${NUL}`, password: TEST_DEMO_PASSWORD });
    expectError(answer, 400, 'invalid');
    expect(answer.body.error.fields['/username']).toEqual(['不能包含空字符（\\u0000）']);
    expectError(await harness.anonymous.post('/api/auth/login', { username: 'ducha', password: `x${NUL}` }), 400, 'invalid');
  });

  it('When form data holds a NUL or a lone surrogate, then the answer is 400 naming its pointer and the task stays open', async () => {
    const data = exampleFor(task.formKey);
    data.household.head.name = `曾${NUL}庆华`;
    const nul = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data });
    expectError(nul, 400, 'invalid');
    expect(nul.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(nul.body.error.fields).toEqual({ '/data/household/head/name': ['不能包含空字符（\\u0000）'] });
    data.household.head.name = `曾${LONE_SURROGATE}`;
    const lone = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data }, { 'accept-language': 'en' });
    expectError(lone, 400, 'invalid');
    expect(lone.body.error.fields).toEqual({ '/data/household/head/name': ['contains an invalid Unicode character (a lone surrogate)'] });
    const started = await clerk.post('/api/instances', { definitionKey: 'household-identification', data: { [`remarks${NUL}`]: 'x' } });
    expectError(started, 400, 'invalid');
    expect(Object.keys(started.body.error.fields)).toEqual(['/data/remarks\ufffd']);
    expect((await openTaskOf(clerk, id)).status).toBe('open');
  });

  it('When a comment or the comment of a completion holds a NUL, then the answer is 400 and no comment is stored', async () => {
    const before = await count('task_comments');
    const comment = await clerk.post(`/api/tasks/${task.id}/comments`, { text: `同意${NUL}` });
    expectError(comment, 400, 'invalid');
    expect(Object.keys(comment.body.error.fields)).toEqual(['/text']);
    const completion = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: exampleFor(task.formKey), comment: `ok${LONE_SURROGATE}` });
    expectError(completion, 400, 'invalid');
    expect(Object.keys(completion.body.error.fields)).toEqual(['/comment']);
    expect(await count('task_comments')).toBe(before);
  });

  it('When a query value or key holds a NUL, then the answer is 400 naming it below /query', async () => {
    const q = await clerk.get('/api/households?q=%00');
    expectError(q, 400, 'invalid');
    expect(q.body.error.fields).toEqual({ '/query/q': ['不能包含空字符（\\u0000）'] });
    expectError(await clerk.get('/api/instances?state=a%00b'), 400, 'invalid');
    expectError(await harness.anonymous.get('/api/notices?town=%00'), 400, 'invalid');
  });

  it('When a path is not valid percent-encoding or holds a NUL, then the answer is a JSON 400 or 404, never a 500', async () => {
    for (const path of ['/api/tasks/%ff', '/api/tasks/%E0%A4%A', '/api/notices/%ff/objections', '/api/tasks/%00', '/api/definitions/%c0%80/versions/1']) {
      const answer = await clerk.get(path);
      expect([400, 404]).toContain(answer.status);
      expect(answer.headers.get('content-type')).toContain('application/json');
    }
    expectError(await harness.anonymous.post('/api/notices/%ff/objections', { content: '异议' }), 400, 'invalid');
  });

  it('When a page, year or version is not a finite number in range, then the answer is 400 naming it', async () => {
    for (const page of ['1e400', 'Infinity', '-Infinity', '1e300']) {
      const answer = await clerk.get(`/api/tasks?page=${page}`);
      expectError(answer, 400, 'invalid');
      expect(Object.keys(answer.body.error.fields)).toEqual(['/page']);
    }
    expectError(await clerk.get('/api/instances?pageSize=Infinity'), 400, 'invalid');
    expectError(await harness.anonymous.get('/api/notices?page=1e400'), 400, 'invalid');
    const year = await clerk.get('/api/reports/progress?year=1e400');
    expectError(year, 400, 'invalid');
    expect(Object.keys(year.body.error.fields)).toEqual(['/year']);
    expectError(await clerk.get('/api/definitions/household-identification/versions/1e300'), 400, 'invalid');
    expectError(await clerk.get('/api/definitions/household-identification/versions/Infinity'), 400, 'invalid');
    expectError(await clerk.get('/api/forms/household-identification.application?version=1e12'), 400, 'invalid');
    const admin = await harness.login('admin');
    expectError(await admin.get('/api/admin/audit?from=0000-01-01'), 400, 'invalid');
    expectError(await admin.get('/api/admin/audit?to=0000-01-01T00:00:00Z'), 400, 'invalid');
  });

  it('When a JSON body holds a number beyond double range or nests a thousand deep, then the answer is 400 and nothing starts', async () => {
    const before = await count('instances');
    const huge = await clerk.post('/api/instances', '{"definitionKey":"household-identification","data":{"household":{"size":1e400}}}', { 'content-type': 'application/json' });
    expectError(huge, 400, 'invalid');
    expect(Object.keys(huge.body.error.fields)).toEqual(['/data/household/size']);
    const deep = await clerk.post('/api/instances', `{"definitionKey":"household-identification","data":{"remarks":${'['.repeat(1000)}${']'.repeat(1000)}}}`, { 'content-type': 'application/json' });
    expectError(deep, 400, 'invalid');
    expect(Object.values(deep.body.error.fields).flat()).toEqual([expect.stringContaining('嵌套层次过深')]);
    const proto = await clerk.post('/api/instances', '{"definitionKey":"household-identification","data":{"__proto__":{"admin":true}}}', { 'content-type': 'application/json' });
    expectError(proto, 400, 'invalid');
    expect(Object.keys(proto.body.error.fields)).toEqual(['/data/__proto__']);
    expect(await count('instances')).toBe(before);
  });

  it('When an application is dated 1900-01-01 or 9999-12-31, or a member was born 1900-01-01, then the date is refused', async () => {
    for (const date of ['1900-01-01', '9999-12-31', '0000-01-01', '2101-01-01']) {
      const data = exampleFor(task.formKey);
      data.applicationDate = date;
      const answer = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data });
      expectError(answer, 400, 'invalid');
      expect(answer.body.error.fields['/applicationDate']).toEqual(['应为真实日期，格式 YYYY-MM-DD，在 1900-01-02 至 2100-12-31 之间']);
    }
    const data = exampleFor(task.formKey);
    data.household.members[4].birthDate = '1900-01-01';
    const born = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data }, { 'accept-language': 'en' });
    expectError(born, 400, 'invalid');
    expect(born.body.error.fields['/household/members/4/birthDate']).toContain('must be a real date as YYYY-MM-DD, from 1900-01-02 to 2100-12-31');
    expect((await openTaskOf(clerk, id)).status).toBe('open');
  });

  it('When the OpenAPI document lists a number in a query or a path, then it has a maximum an SQL integer can hold', async () => {
    const doc = (await harness.anonymous.get('/api/openapi.json')).body;
    const numbers: Array<{ where: string; schema: any }> = [];
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        for (const parameter of operation.parameters ?? []) {
          if (['integer', 'number'].includes(parameter.schema?.type)) numbers.push({ where: `${method} ${path} ${parameter.name}`, schema: parameter.schema });
        }
      }
    }
    expect(numbers.length).toBeGreaterThan(10);
    for (const { where, schema } of numbers) expect({ where, maximum: schema.maximum <= 2_147_483_647 }).toEqual({ where, maximum: true });
  });
});

describe('two reviewers completing one task at once', () => {
  it('When two town reviewers complete the same task together, then one gets 200 and the other 409', async () => {
    await harness.services.db.pool.query(
      `INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id)
       VALUES (gen_random_uuid(), '441424', 'zhen-huacheng-2', '华城镇审核员二', $1, ARRAY['town_reviewer'], '441424130')`, [await hashPassword(TEST_DEMO_PASSWORD)]);
    const id = (await clerk.post('/api/instances', { definitionKey: 'household-identification' })).body.id;
    await drive(harness, 'dongyuan', id, ['SUBMIT', 'VERIFY', 'PASS', 'POSTED']);
    await harness.anonymous.post('/api/test/clock', { advance: 'P7D' });
    await drive(harness, 'dongyuan', id, ['FORWARD']);
    const task = await openTaskOf(clerk, id);
    expect(task.state).toBe('townReview');
    const [a, b] = [await harness.login('zhen-huacheng'), await harness.login('zhen-huacheng-2')];
    const body = { outcome: 'APPROVE', data: exampleFor(task.formKey), comment: '同意' };
    const answers = await Promise.all([a.post(`/api/tasks/${task.id}/complete`, body), b.post(`/api/tasks/${task.id}/complete`, body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toMatch(/conflict|task_closed/);
    const steps = await harness.services.db.pool.query(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND payload->>'outcome' = 'APPROVE'`, [id]);
    expect(steps.rows[0].n).toBe(1);
  });
});
