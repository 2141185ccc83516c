import type { Request, Response, Router } from 'express';
import { requestLocale } from './request-context';
import type { JsonSchema, RequestValidator } from './request-validator';

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Defaults to application/json. */
  contentType?: string;
}

/** A request header a route reads. */
export interface HeaderSpec {
  name: string;
  description: string;
  schema: JsonSchema;
}

/**
 * A route's contract: the schemas that check its input at the edge are the ones the OpenAPI
 * document publishes, so the two cannot drift apart.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path below `/api`, e.g. `/tasks/:id`. */
  path: string;
  summary: string;
  /**
   * The OpenAPI `operationId`, the name generated clients give this call. Derived from method and
   * path when absent (see `deriveOperationId` in openapi.ts); set it only when the derived name
   * reads wrong, and never change it once published, since integrators' code calls it by name.
   */
  operationId?: string;
  tag: string;
  /** `session` routes answer 401 without a login; `public` ones do not need one. */
  access: 'public' | 'session';
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** Request headers the route reads beside the session's (documented as header parameters). */
  headers?: HeaderSpec[];
  /** The body is a file (an .xlsx workbook) rather than JSON. */
  upload?: { contentTypes: string[] };
  responses: Record<number, ResponseSpec>;
}

/** What a handler receives: the checked input plus the raw request and response. */
export interface RouteInput<B = unknown, Q = unknown, P = unknown> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
}

export type RouteHandler<B = unknown, Q = unknown, P = unknown> = (input: RouteInput<B, Q, P>) => Promise<unknown> | unknown;

/** The routes of the app, collected as they are mounted, for the OpenAPI document. */
export interface RouteTable {
  readonly routes: RouteSpec[];
  /**
   * Mounts `handler` on `router` behind the input checks. A handler's return value is sent as JSON
   * (status 200, or the first 2xx of the spec); a handler that answers itself returns undefined.
   */
  add<B = unknown, Q = unknown, P = unknown>(router: Router, spec: RouteSpec, handler: RouteHandler<B, Q, P>): void;
}

/** Query values that are empty strings mean "no filter" (`?status=&page=2`). */
function withoutEmptyValues(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined));
}

export function createRouteTable(validator: RequestValidator): RouteTable {
  const routes: RouteSpec[] = [];
  return {
    routes,
    add(router, spec, handler) {
      for (const [part, schema] of [['params', spec.params], ['query', spec.query], ['body', spec.body]] as const) {
        if (schema) validator.prepare(part, schema);
      }
      routes.push(spec);
      const okStatus = Number(Object.keys(spec.responses).find((s) => s.startsWith('2')) ?? 200);
      router[spec.method](spec.path, async (req: Request, res: Response) => {
        const locale = requestLocale(req);
        const params = { ...req.params };
        if (spec.params) validator.check('params', spec.params, params, locale);
        const query = withoutEmptyValues(req.query as Record<string, unknown>);
        if (spec.query) validator.check('query', spec.query, query, locale);
        let body: unknown = req.body;
        if (spec.body) {
          // No JSON body at all (missing, or not sent as application/json) is checked as an empty object.
          if (body === undefined) body = {};
          validator.check('body', spec.body, body, locale);
        }
        // The schemas above have checked the shapes the handler declares.
        const result = await handler({ req, res, body: body as never, query: query as never, params: params as never });
        if (result !== undefined && !res.headersSent) res.status(okStatus).json(result);
      });
    },
  };
}
