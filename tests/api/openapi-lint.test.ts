import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApiDocument, deriveOperationId } from '../../server/src/api/openapi';
import type { RouteSpec } from '../../server/src/api/route-table';
import { REPO_ROOT } from '../support/test-services';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

interface LintProblem { severity: 'error' | 'warn'; rule: string; message: string; where: string }
interface Response { description: string; content?: Record<string, { schema?: unknown }> }
interface Operation { operationId?: string; responses: Record<string, Response> }
interface Document { paths: Record<string, Record<string, Operation>>; servers?: unknown[] }

let harness: ApiHarness;
let document: Document;
beforeAll(async () => {
  harness = await startApiHarness();
  document = (await harness.anonymous.get('/api/openapi.json')).body as Document;
});
afterAll(async () => { await harness.close(); });

const run = promisify(execFile);

/** Lints `doc` with Redocly's `recommended` ruleset (lint-openapi.mjs says why in a child process). */
async function lintWithRedocly(doc: unknown): Promise<LintProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'jz-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc, null, 2));
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'tests/api/lint-openapi.mjs'), file], { cwd: REPO_ROOT });
    return JSON.parse(stdout) as LintProblem[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// One line per problem, so a failure shows every rule and where it fired.
const listProblems = (problems: LintProblem[]) => problems.map((p) => `${p.severity} ${p.rule} at ${p.where}: ${p.message}`);

const operationsOf = (doc: Document) => Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

const route = (method: RouteSpec['method'], path: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({
  method, path, summary: `${method} ${path}`, tag: 'test', access: 'public', responses: { 200: { description: 'ok' } }, ...extra,
});

describe('the OpenAPI document as a contract integrators generate clients from', () => {
  it('When /api/openapi.json is linted with Redocly\'s recommended rules, then there is no error and no warning', async () => {
    expect(listProblems(await lintWithRedocly(document))).toEqual([]);
  });

  it('When a document has no servers and an undefined required property, then the same lint reports both (the check can fail)', async () => {
    const broken = JSON.parse(JSON.stringify(document)) as Document;
    delete broken.servers;
    broken.paths['/api/health'].get.responses['200'].content = { 'application/json': { schema: { type: 'object', required: ['status'] } } };
    const rules = (await lintWithRedocly(broken)).map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['no-empty-servers', 'no-required-schema-properties-undefined']));
  });

  it('When the document is read, then every operation has its own operationId', () => {
    const ids = operationsOf(document).map(({ name, op }) => ({ name, id: op.operationId }));
    expect(ids.filter((o) => !o.id)).toEqual([]);
    const seen = new Map<string, string>();
    const clashes = ids.filter((o) => { const first = seen.get(o.id!); seen.set(o.id!, o.name); return first !== undefined; });
    expect(clashes).toEqual([]);
    const byName = Object.fromEntries(ids.map((o) => [o.name, o.id]));
    expect(byName).toMatchObject({
      'GET /api/instances/{id}': 'getInstance', 'GET /api/instances': 'listInstances', 'POST /api/instances': 'createInstance',
      'POST /api/tasks/{id}/complete': 'completeTask', 'POST /api/tasks/batch-complete': 'batchCompleteTasks',
      'GET /api/tasks/{id}/comments': 'listTaskComments', 'POST /api/notices/{id}/objections': 'createNoticeObjection',
      'POST /api/auth/login': 'login', 'GET /api/households/export.xlsx': 'exportHouseholds',
      'PATCH /api/admin/users/{id}': 'updateUser', 'POST /api/definitions/{key}/drafts/{v}/publish': 'publishDefinitionDraft',
    });
  });

  it('When the document is read, then every success answer with a body says what the body is', () => {
    const undescribed = operationsOf(document).flatMap(({ name, op }) => Object.entries(op.responses)
      .filter(([status]) => status.startsWith('2') && status !== '204')
      .filter(([, r]) => !r.content || Object.entries(r.content).some(([type, c]) => type === 'application/json' && !c.schema))
      .map(([status]) => `${name} ${status}`));
    expect(undescribed).toEqual([]);
  });

  it('When a request can be refused, then its 4xx answers carry the Error schema', () => {
    const complete = document.paths['/api/tasks/{id}/complete'].post;
    for (const status of ['400', '401', '403', '404', '409', '422']) {
      expect(complete.responses[status].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });
});

describe('deriveOperationId', () => {
  it('names reads, lists, writes and actions from method and path', () => {
    expect(deriveOperationId('get', '/instances/:id')).toBe('getInstance');
    expect(deriveOperationId('post', '/tasks/:id/complete')).toBe('completeTask');
    expect(deriveOperationId('get', '/definitions/:key/versions/:v')).toBe('getDefinitionVersion');
    expect(deriveOperationId('post', '/definitions/:key/drafts')).toBe('createDefinitionDraft');
    expect(deriveOperationId('put', '/definitions/:key/drafts/:v')).toBe('saveDefinitionDraft');
    expect(deriveOperationId('post', '/test/clock')).toBe('setClock');
    expect(deriveOperationId('get', '/reports/progress')).toBe('getReportsProgress');
  });

  it('When two routes would get the same operationId, then building the document fails and names both with the fix', () => {
    const routes = [route('get', '/admin/users'), route('get', '/users')];
    expect(() => buildOpenApiDocument(routes)).toThrow(/listUsers .*GET \/admin\/users.*GET \/users.*set a distinct `operationId`/);
  });

  it('When a route sets its own operationId, then the document uses it', () => {
    const doc = buildOpenApiDocument([route('get', '/admin/users', { operationId: 'listAdminUsers' }), route('get', '/users')]);
    expect((doc.paths['/api/admin/users'].get as Operation).operationId).toBe('listAdminUsers');
    expect((doc.paths['/api/users'].get as Operation).operationId).toBe('listUsers');
  });
});
