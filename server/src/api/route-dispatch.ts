import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

/** What the dispatcher reads of a router's layers: a route's path (`router.get('/tasks/:id', …)`). */
interface RouterLayer {
  route?: { path?: unknown };
}

/**
 * The literal first segment every request a route path matches starts with, lowercased (routes
 * match case-insensitively), or undefined when the path could match more than one (a parameter, a
 * pattern, a regular expression or a list of paths in its first segment).
 */
export function firstSegmentOfRoute(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const end = path.indexOf('/', 1);
  const segment = path.slice(1, end < 0 ? undefined : end);
  return /^[A-Za-z0-9._~-]*$/.test(segment) ? segment.toLowerCase() : undefined;
}

/** A request path's first segment, lowercased (`/Tasks/1/complete` → `tasks`). */
function firstSegmentOfRequest(path: string): string {
  const end = path.indexOf('/', 1);
  return path.slice(1, end < 0 ? undefined : end).toLowerCase();
}

/**
 * The first segments a router's routes start with, or undefined when a request to any path may
 * reach one of its layers (a middleware of its own, or a route that does not start with a literal
 * segment).
 */
function segmentsOf(router: Router): Set<string> | undefined {
  const stack = (router as unknown as { stack?: RouterLayer[] }).stack;
  if (!Array.isArray(stack)) return undefined;
  const segments = new Set<string>();
  for (const layer of stack) {
    const segment = layer.route ? firstSegmentOfRoute(layer.route.path) : undefined;
    if (segment === undefined) return undefined;
    segments.add(segment);
  }
  return segments;
}

/** The dispatcher and what it found of the routers. */
export interface RouteDispatch {
  handler: RequestHandler;
  /** How many routers every request passes (their paths are not all literal in their first segment). */
  everywhere: number;
}

/**
 * Passes a request only to the routers that have a route under its path's first segment, in their
 * order, instead of to every router in turn. Each router a request passes without a match costs a
 * scan of its routes and a turn of the event loop (a router that matches nothing ends on
 * `setImmediate`); with twenty-odd routers a task's completion passed six of them before its own.
 * The answer is the one the routers in sequence give: a router this skips has no route that could
 * match the path. The routers' routes are read once, when this is built (after they are defined).
 */
export function dispatchByFirstSegment(routers: Router[]): RouteDispatch {
  const found = routers.map((router) => ({ router, segments: segmentsOf(router) }));
  const everywhere = found.filter((f) => f.segments === undefined).map((f) => f.router);
  const bySegment = new Map<string, Router[]>();
  for (const { segments } of found) {
    for (const segment of segments ?? []) {
      if (!bySegment.has(segment)) bySegment.set(segment, found.filter((f) => f.segments === undefined || f.segments.has(segment)).map((f) => f.router));
    }
  }
  const handler: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const chain = bySegment.get(firstSegmentOfRequest(req.path)) ?? everywhere;
    let index = 0;
    const pass = (err?: unknown) => {
      if (err !== undefined && err !== null && err !== 'router') {
        next(err);
        return;
      }
      const router = chain[index++];
      if (router === undefined) next();
      else router(req, res, pass);
    };
    pass();
  };
  return { handler, everywhere: everywhere.length };
}
