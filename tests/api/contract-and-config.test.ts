import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/api/create-app';
import { assertNoDemoPasswords, assertProductionConfig, ProductionGuardError } from '../../server/src/auth/production-guard';
import argon2 from 'argon2';
import { parseConfig } from '../../server/src/config';
import { seedDatabase } from '../../server/src/seed';
import { TEST_DEMO_PASSWORD } from '../support/global-setup';
import { REPO_ROOT } from '../support/test-services';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

describe('the OpenAPI document', () => {
  it('When /api/openapi.json is read, then it is OpenAPI 3.1 and documents every endpoint with its request schemas', async () => {
    const doc = (await harness.anonymous.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/me', 'GET /api/definitions', 'GET /api/definitions/{key}',
      'GET /api/definitions/{key}/versions/{v}', 'GET /api/forms/{key}', 'POST /api/instances', 'GET /api/instances', 'GET /api/instances/{id}',
      'GET /api/tasks', 'GET /api/tasks/{id}', 'POST /api/tasks/{id}/claim', 'POST /api/tasks/{id}/unclaim', 'POST /api/tasks/{id}/complete',
      'POST /api/tasks/{id}/comments', 'POST /api/tasks/batch-complete', 'GET /api/notices', 'GET /api/notices/{id}', 'POST /api/notices/{id}/objections',
      'GET /api/households', 'GET /api/households/{id}', 'GET /api/households/export.xlsx', 'POST /api/households/import', 'POST /api/org-units/import',
      'GET /api/reports/progress', 'POST /api/test/clock', 'GET /api/health', 'GET /api/openapi.json',
    ]));
    const complete = doc.paths['/api/tasks/{id}/complete'].post;
    expect(complete.requestBody.content['application/json'].schema).toMatchObject({ required: ['outcome'], additionalProperties: false });
    expect(Object.keys(complete.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
    expect(complete.operationId).toBe('completeTask');
    expect(doc.paths['/api/forms/{key}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Form' });
    expect(doc.components.schemas.Task.required).toEqual(expect.arrayContaining(['id', 'instanceId', 'outcomes', 'candidateRoles', 'dueAt']));
  });

  it('When /api/docs is read, then it is a page listing every operation of the document, with text escaped', async () => {
    const doc = (await harness.anonymous.get('/api/openapi.json')).body;
    const page = await harness.anonymous.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('接口文档');
    expect(page.text).toContain('X-CSRF-Token');
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, op] of Object.entries(ops as Record<string, { operationId: string }>)) {
        expect(page.text).toContain(`<span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code>`);
        expect(page.text).toContain(`operationId <code>${op.operationId}</code>`);
      }
    }
    expect(page.text).not.toMatch(/<script/i);
  });

  it('When definitions and forms are read, then they answer their documented shapes', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const list = await clerk.get('/api/definitions');
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'household-identification', currentVersion: 1 })]));
    const version = await clerk.get('/api/definitions/household-identification/versions/1');
    expect(version.body).toMatchObject({ key: 'household-identification', version: 1, status: 'published', machine: { initial: 'application' } });
    expect((await clerk.get('/api/definitions/household-identification/versions/99')).status).toBe(404);
    const form = await clerk.get('/api/forms/household-identification.application');
    expect(form.body).toMatchObject({ key: 'household-identification.application', version: 1, schema: { examples: [expect.any(Object)] } });
    expect(form.body.uiSchema).toEqual(expect.any(Object));
    expect((await harness.anonymous.get('/api/forms/common.objection')).status).toBe(200);
    expect((await harness.anonymous.get('/api/forms/household-identification.application')).status).toBe(401);
  });
});

describe('production configuration', () => {
  it('When NODE_ENV=production comes with JZ_DEMO_PASSWORD, then the start is refused with the fix in the message', () => {
    const config = parseConfig({ NODE_ENV: 'production', JZ_DEMO_PASSWORD: 'x' }, REPO_ROOT);
    expect(() => assertProductionConfig(config)).toThrow(ProductionGuardError);
    expect(() => assertProductionConfig(config)).toThrow(/JZ_DEMO_PASSWORD.*set-password-cli/s);
    expect(() => assertProductionConfig(parseConfig({ NODE_ENV: 'production' }, REPO_ROOT))).not.toThrow();
  });

  it('When production starts on demo accounts still on their seeded password, then they are disabled once and the start is refused', async () => {
    const { pool } = harness.services.db;
    const config = { ...harness.services.config, nodeEnv: 'production' as const, demoPassword: undefined };
    // An account whose password was set for real stays enabled.
    await pool.query(`UPDATE users SET password_changed_at = now() WHERE username = 'zhen-huacheng'`);
    await expect(assertNoDemoPasswords(config, pool)).rejects.toThrow(/demo accounts .*admin.*disabled/s);
    const { rows } = await pool.query(`SELECT username, disabled FROM users WHERE username IN ('admin', 'xian', 'cun-dongyuan', 'zhen-huacheng') ORDER BY username`);
    expect(rows).toEqual([
      { username: 'admin', disabled: true }, { username: 'cun-dongyuan', disabled: true },
      { username: 'xian', disabled: true }, { username: 'zhen-huacheng', disabled: false },
    ]);
    expect((await harness.anonymous.post('/api/auth/login', { username: 'xian', password: TEST_DEMO_PASSWORD })).status).toBe(401);
    // Nothing left to disable: the next start goes ahead with the demo accounts off.
    await expect(assertNoDemoPasswords(config, pool)).resolves.toBeUndefined();
    await expect(assertNoDemoPasswords({ ...config, nodeEnv: 'development' }, pool)).resolves.toBeUndefined();
    await pool.query('UPDATE users SET disabled = false, password_changed_at = NULL');
  });

  it('When the app starts again on a seeded database, then it hashes no password (each argon2id hash holds 64 MiB while it is made)', async () => {
    const hashing = jest.spyOn(argon2, 'hash');
    try {
      const { services } = harness;
      const seeded = await seedDatabase(services.db, { tenantId: services.config.tenantId, rootDir: REPO_ROOT, demoPassword: TEST_DEMO_PASSWORD, ids: services.ids, now: new Date() });
      expect(seeded).toBe(false);
      expect(hashing).not.toHaveBeenCalled();
    } finally {
      hashing.mockRestore();
    }
  });

  it('When the app runs in production, then the session cookie is Secure', async () => {
    const app = createApp({ ...harness.services, config: { ...harness.services.config, nodeEnv: 'production' } });
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: TEST_DEMO_PASSWORD }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(answer.headers.get('strict-transport-security')).toBeTruthy();
    server.closeAllConnections();
    server.close();
  });
});
