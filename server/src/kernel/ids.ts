import { randomUUID } from 'node:crypto';
import type { IdGenerator } from './ports';

/** Random version-4 UUIDs, for production. */
export const randomIds: IdGenerator = { uuid: () => randomUUID() };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form: anything else cannot be a row id, so callers answer "not found" without asking the database (which would reject the cast). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
