import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The fields every log line carries while some work runs (the request id of an HTTP request, the
 * timer and instance of a queue job), kept in AsyncLocalStorage so no function has to pass them on.
 */
const storage = new AsyncLocalStorage<Readonly<Record<string, unknown>>>();

/** Runs `work` with `fields` added to every log line written inside it (also after awaits). */
export function withLogContext<T>(fields: Record<string, unknown>, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the work running now, or undefined outside any. */
export function currentLogContext(): Readonly<Record<string, unknown>> | undefined {
  return storage.getStore();
}
