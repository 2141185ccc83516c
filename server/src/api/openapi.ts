import type { RouteSpec } from './route-table';
import { componentSchemas } from './response-schemas';
import type { JsonSchema } from './request-validator';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'bad input; `fields` maps JSON pointers to messages (zh-CN, or English with Accept-Language: en)',
  401: 'not logged in', 403: 'not allowed, or the X-CSRF-Token header is missing', 404: 'not found, or not visible to the caller',
  409: 'conflict: changed by someone else, or already claimed or completed', 413: 'request body too large',
  422: 'not allowed in the current state', 429: 'too many requests',
};

const toOpenApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

function parameters(spec: RouteSpec): unknown[] {
  const list: unknown[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) list.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
  }
  return list;
}

/** The OpenAPI 3.1 document of the mounted routes, built from the same schemas that check requests. */
export function buildOpenApiDocument(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = r.schema || r.contentType
        ? { description: r.description, content: { [r.contentType ?? 'application/json']: r.schema ? { schema: r.schema } : {} } }
        : { description: r.description };
    }
    const errorStatuses = [400, 404, 409, 413, 422, 429].filter((s) => s !== 409 || spec.method !== 'get');
    if (spec.access === 'session') errorStatuses.push(401);
    if (spec.method !== 'get') errorStatuses.push(403);
    for (const status of errorStatuses.sort()) {
      responses[status] ??= { description: ERROR_RESPONSES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Record<string, unknown> = {
      summary: spec.summary, tags: [spec.tag], parameters: parameters(spec), responses,
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
    },
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jz_session' } },
    },
  };
}
