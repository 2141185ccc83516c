import type { Logger } from './ports';

/** One JSON line per event on stdout/stderr; `minimal` drops info lines. */
export function createJsonLogger(minimal = false): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (minimal && level === 'info') return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
