import { pino } from 'pino';
import type { DestinationStream } from 'pino';
import { currentLogContext } from './log-context';
import type { Logger } from './ports';

/** How log lines look: one JSON object per line (production, tests, log shippers) or coloured text for a person. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  format?: LogFormat;
  /** pino's levels: trace, debug, info (default), warn, error, fatal, silent. */
  level?: string;
  /** Where JSON lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Fields on every line (default: pid and hostname, which tell the nodes of a deployment apart). */
  base?: Record<string, unknown>;
}

/**
 * The app's logger: pino, with the fields of the running request or job (see withLogContext) on
 * every line. JSON lines keep the shape `{ level, time, message, ...fields }`; `pretty` renders them
 * through pino-pretty in a worker thread, for development only.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const transport = options.format === 'pretty'
    ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', messageKey: 'message' } })
    : undefined;
  const instance = pino({
    level: options.level ?? 'info',
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(options.base ? { base: options.base } : {}),
    mixin: () => ({ ...currentLogContext() }),
  }, transport ?? options.destination ?? pino.destination({ dest: 1, sync: true }));
  return wrap(instance);
}

function wrap(instance: pino.Logger): Logger {
  return {
    info: (message, fields) => instance.info(fields ?? {}, message),
    warn: (message, fields) => instance.warn(fields ?? {}, message),
    error: (message, fields) => instance.error(fields ?? {}, message),
  };
}

/** One JSON line per event on stdout; `minimal` drops info lines. */
export function createJsonLogger(minimal = false): Logger {
  return createLogger({ format: 'json', level: minimal ? 'warn' : 'info' });
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
