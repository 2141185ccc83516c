import { Client } from 'pg';

/**
 * Every statement the app sends to PostgreSQL while `work` runs, in order: a prepared one by its
 * name, BEGIN and COMMIT by their word, any other by its first words. Each is one round trip; the
 * statements still run on the real database.
 */
export async function statementsSentDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = Client.prototype.query;
  (Client.prototype as any).query = function (this: Client, text: any, ...rest: any[]) {
    sent.push(typeof text === 'string' ? text.trim().split(/\s+/)[0] : text.name ?? text.text.trim().split(/\s+/).slice(0, 3).join(' '));
    return (original as any).call(this, text, ...rest);
  };
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}
