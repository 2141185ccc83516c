import { Client } from 'pg';

/** A statement as node-postgres is given it: a prepared one carries its name. */
export interface SentStatement {
  name?: string;
  text: string;
  values?: unknown[];
}

/**
 * Runs `work` while telling `watch` of every statement the app sends to PostgreSQL (`sent`, in
 * order) and of the rows each one is answered with (`answered`). The statements still run on the
 * real database.
 */
export async function watchStatements(work: () => Promise<unknown>, watch: {
  sent?: (statement: SentStatement | string) => void;
  answered?: (statement: SentStatement | string, rows: unknown[]) => void;
}): Promise<void> {
  const original = Client.prototype.query;
  (Client.prototype as any).query = function (this: Client, statement: any, ...rest: any[]) {
    watch.sent?.(statement);
    const answered = watch.answered;
    if (!answered) return (original as any).call(this, statement, ...rest);
    // The pool passes a callback; a client's own caller gets a promise.
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const callback = rest[last];
      rest[last] = (err: unknown, result: any) => { if (!err) answered(statement, result?.rows ?? []); callback(err, result); };
      return (original as any).call(this, statement, ...rest);
    }
    return (original as any).call(this, statement, ...rest).then((result: any) => { answered(statement, result?.rows ?? []); return result; });
  };
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
}

/**
 * Every statement the app sends to PostgreSQL while `work` runs, in order: a prepared one by its
 * name, BEGIN and COMMIT by their word, any other by its first words. Each is one round trip.
 */
export async function statementsSentDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  await watchStatements(work, {
    sent: (s) => sent.push(typeof s === 'string' ? s.trim().split(/\s+/)[0] : s.name ?? s.text.trim().split(/\s+/).slice(0, 3).join(' ')),
  });
  return sent;
}
