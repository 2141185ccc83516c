import type { RouteSpec } from './route-table';
import { componentSchemas } from './response-schemas';
import type { JsonSchema } from './request-validator';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'bad input; `fields` maps JSON pointers to messages (zh-CN, or English with Accept-Language: en)',
  401: 'not logged in', 403: 'not allowed, or the X-CSRF-Token header is missing', 404: 'not found, or not visible to the caller',
  409: 'conflict: changed by someone else, or already claimed or completed', 413: 'request body too large',
  422: 'not allowed in the current state', 429: 'too many requests',
  503: 'busy (too many password checks at once) or the database is unavailable; retry after the Retry-After header\'s seconds',
};

const toOpenApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

/**
 * Last path words that name what is done rather than a resource: `POST /tasks/:id/complete` is
 * `completeTask`, not `createComplete`.
 */
const ACTION_WORDS = new Set(['login', 'logout', 'claim', 'unclaim', 'complete', 'batch-complete', 'import', 'export', 'lint', 'simulate', 'publish', 'verify', 'diff']);
/** Path words that group routes without naming a resource (`/admin/users` is about users). */
const NAMESPACE_WORDS = new Set(['admin', 'auth', 'test']);
/** Words ending in "s" that are not collections, so a GET of them is `get…`, not `list…`. */
const NOT_COLLECTIONS = new Set(['docs', 'progress']);
const VERB_BY_METHOD: Record<RouteSpec['method'], string> = { get: 'get', post: 'create', put: 'save', patch: 'update', delete: 'delete' };

const pascal = (word: string) => word.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const camel = (word: string) => { const p = pascal(word); return p.charAt(0).toLowerCase() + p.slice(1); };
const isCollection = (word: string) => word.endsWith('s') && !NOT_COLLECTIONS.has(word);
const singular = (word: string) => (isCollection(word) ? word.slice(0, -1) : word);

/**
 * The operationId of a route, derived from its method and path so that it stays the same from
 * release to release: a resource followed by an id is singular, a collection read is `list…`, a
 * collection written to is `create…`, and a last path word that is a verb leads.
 *
 * @example
 * deriveOperationId('get', '/instances/:id')          // 'getInstance'
 * deriveOperationId('get', '/tasks/:id/comments')     // 'listTaskComments'
 * deriveOperationId('post', '/tasks/:id/complete')    // 'completeTask'
 * deriveOperationId('get', '/households/export.xlsx') // 'exportHouseholds'
 */
export function deriveOperationId(method: RouteSpec['method'], path: string): string {
  // A file extension names the format of the answer, not the operation.
  const segments = path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? s : s.replace(/\.[a-z0-9]+$/i, '')));
  const words: string[] = [];
  segments.forEach((segment, i) => {
    if (segment.startsWith(':') || NAMESPACE_WORDS.has(segment)) return;
    const followedByParam = segments[i + 1]?.startsWith(':') ?? false;
    words.push(followedByParam ? singular(segment) : segment);
  });
  const last = segments.at(-1) ?? '';
  if (ACTION_WORDS.has(last)) return camel(last) + words.slice(0, -1).map(pascal).join('');
  let verb = VERB_BY_METHOD[method];
  if (!last.startsWith(':') && words.length > 0) {
    const noun = words[words.length - 1];
    if (method === 'get' && isCollection(noun)) verb = 'list';
    else if (method === 'post' && isCollection(noun)) words[words.length - 1] = singular(noun);
    // A POST to a singular resource (`/test/clock`) sets it; nothing is created.
    else if (method === 'post') verb = 'set';
  }
  return verb + words.map(pascal).join('');
}

/** The operationId a route is published under: its own, or the derived one. */
export const operationIdOf = (spec: RouteSpec) => spec.operationId ?? deriveOperationId(spec.method, spec.path);

function parameters(spec: RouteSpec): unknown[] {
  const list: unknown[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) list.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
  }
  for (const header of spec.headers ?? []) list.push({ name: header.name, in: 'header', required: false, description: header.description, schema: header.schema });
  return list;
}

/**
 * The OpenAPI 3.1 document of the mounted routes, built from the same schemas that check requests.
 * Throws when two routes would share an operationId, since a generated client cannot have both.
 */
export function buildOpenApiDocument(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const routeById = new Map<string, RouteSpec>();
  for (const spec of routes) {
    const operationId = operationIdOf(spec);
    const taken = routeById.get(operationId);
    if (taken) {
      throw new Error(`operationId ${operationId} is given to both ${taken.method.toUpperCase()} ${taken.path} and ${spec.method.toUpperCase()} ${spec.path}: set a distinct \`operationId\` on one of the two route specs.`);
    }
    routeById.set(operationId, spec);
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      const { schema } = r;
      responses[status] = schema || r.contentType
        ? { description: r.description, content: { [r.contentType ?? 'application/json']: schema ? { schema } : {} } }
        : { description: r.description };
    }
    const errorStatuses = [400, 404, 409, 413, 422, 429, 503].filter((s) => s !== 409 || spec.method !== 'get');
    if (spec.access === 'session') errorStatuses.push(401);
    if (spec.method !== 'get') errorStatuses.push(403);
    for (const status of errorStatuses.sort()) {
      responses[status] ??= { description: ERROR_RESPONSES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Record<string, unknown> = {
      operationId, summary: spec.summary, tags: [spec.tag], parameters: parameters(spec), responses,
      security: spec.access === 'session' ? [{ session: [] }] : [],
    };
    if (spec.body) operation.requestBody = { required: true, content: { 'application/json': { schema: spec.body } } };
    if (spec.upload) operation.requestBody = { required: true, content: Object.fromEntries(spec.upload.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
    (paths[toOpenApiPath(spec.path)] ??= {})[spec.method] = operation;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Jingzhun Flow API', version: '1.0.0',
      description: 'Workflow engine for 五华县 targeted poverty alleviation. Session cookie auth: POST /api/auth/login, then send X-CSRF-Token on every mutating request.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the document is served by the API it describes, so clients resolve paths against where they read it.
    servers: [{ url: '/', description: 'the server this document was read from' }],
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jz_session' } },
    },
  };
}
