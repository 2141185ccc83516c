import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Middlewares run one after another as one: what `router.use(a, b, c)` does, without the router's
 * per-layer work (path matching, parameter processing, a layer object each) for middlewares that
 * apply to every path under their mount point anyway. A middleware that throws, or whose promise
 * is rejected, passes the error on, as express 5 does; `next('route')` or `next('router')` leave
 * the series as they would leave the router's layer.
 */
export function series(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (err?: unknown) => {
      if (err !== undefined && err !== null) {
        next(err);
        return;
      }
      const handler = handlers[index++];
      if (handler === undefined) {
        next();
        return;
      }
      try {
        const returned: unknown = handler(req, res, step);
        if (returned && typeof (returned as Promise<unknown>).then === 'function') {
          (returned as Promise<unknown>).then(undefined, (error: unknown) => step(error ?? new Error('rejected')));
        }
      } catch (error) {
        step(error);
      }
    };
    step();
  };
}
