/**
 * Graceful shutdown of a server process. On the first SIGTERM (or SIGINT, SIGHUP) the process
 * drains: readiness answers 503, the listening socket closes, idle keep-alive connections are
 * closed and every further answer carries `Connection: close`, requests in flight finish; then the
 * services close in order (the timer sweep, the queue's worker after its jobs in flight, the queue,
 * the pool, the embedded PostgreSQL) and the process exits 0. A second signal, or the grace period
 * (20 s) running out, forces it: the embedded PostgreSQL gets an immediate shutdown and the process
 * exits 1.
 *
 * One `kill` of a process group reaches this process several times within milliseconds (directly,
 * and forwarded by `npm` and by `scripts/start.mjs`): a repeat within `repeatWindowMs` is the same
 * request and does not count as the second signal.
 */
import type { Server } from 'node:http';
import type { Lifecycle, Logger } from './kernel';

export interface ShutdownOptions {
  logger: Logger;
  /** Closes the services once HTTP has drained (Services.close). */
  closeServices: () => Promise<void>;
  /** Ends whatever must not outlive a forced exit (the embedded PostgreSQL). */
  forceStop?: () => void;
  /** How long the orderly shutdown may take before it is forced (default 20 s). */
  graceMs?: number;
  /** Repeats of the signal within this window are the same request (default 1 s). */
  repeatWindowMs?: number;
  exit?: (code: number) => void;
  now?: () => number;
}

export interface Shutdown extends Lifecycle {
  /** Watches the HTTP server: connections to close when draining. */
  track(server: Server): void;
  /** What a shutdown signal does: drain on the first, force on a later one. */
  onSignal(signal: string): void;
  /** Resolves when the orderly shutdown has finished (before the exit). */
  readonly finished: Promise<void>;
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? 20_000;
  const repeatWindowMs = options.repeatWindowMs ?? 1_000;
  let server: Server | undefined;
  let draining = false;
  let firstSignalAt = 0;
  let forced = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((done) => { finish = done; });

  const force = (why: string) => {
    if (forced) return;
    forced = true;
    logger.warn('shutdown forced', { why });
    try { options.forceStop?.(); } catch (err) { logger.warn('forced stop failed', { error: (err as Error).message }); }
    exit(1);
  };

  const drain = async () => {
    if (server) {
      const closed = new Promise<void>((done) => server!.close(() => done()));
      server.closeIdleConnections();
      // A keep-alive connection that turns idle after its last answer is closed on the next round.
      const sweep = setInterval(() => server!.closeIdleConnections(), 100);
      sweep.unref();
      await closed;
      clearInterval(sweep);
    }
    logger.info('http drained; closing the queue and the database');
    await options.closeServices();
  };

  return {
    get draining() { return draining; },
    finished,
    track(s) {
      server = s;
      // While draining, each answer closes its connection, so no client keeps one open by reusing it.
      s.prependListener('request', (_req, res) => { if (draining && !res.headersSent) res.setHeader('Connection', 'close'); });
    },
    onSignal(signal) {
      if (draining) {
        if (now() - firstSignalAt < repeatWindowMs) return;
        force(`a second ${signal}`);
        return;
      }
      draining = true;
      firstSignalAt = now();
      logger.info('stopping', { signal });
      const timer = setTimeout(() => force(`still running ${graceMs} ms after ${signal}`), graceMs);
      timer.unref();
      drain().then(() => {
        clearTimeout(timer);
        finish();
        if (!forced) { logger.info('stopped'); exit(0); }
      }, (err: Error) => {
        logger.error('shutdown failed', { error: err.message });
        force('the orderly shutdown failed');
      });
    },
  };
}
