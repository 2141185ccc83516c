import type { JsonSchema } from './request-validator';

/**
 * The request schemas: they check every body, query string and path parameter at the edge and
 * are what `/api/openapi.json` publishes. Bodies refuse unknown fields.
 */

const text = (maxLength: number, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', maxLength, ...extra });
const nonBlank = (maxLength: number): JsonSchema => text(maxLength, { minLength: 1, pattern: '\\S' });
/** A yes/no query flag: `1`/`true` or `0`/`false`. */
const flag: JsonSchema = { type: 'string', enum: ['1', '0', 'true', 'false'] };
const page: JsonSchema = { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 };
const pageSize: JsonSchema = { type: 'integer', minimum: 1, maximum: 200, default: 50 };
const key: JsonSchema = text(100, { pattern: '^[A-Za-z0-9._-]+$' });
const orgUnitRef: JsonSchema = text(100, { description: 'an org unit id (441424130) or name (华城镇)' });
const formData: JsonSchema = { type: 'object', description: 'form data; checked against the task\'s form on the server' };

/** True for a query flag that is set. */
export const isSet = (value: unknown) => value === '1' || value === 'true';

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object', properties, required, additionalProperties: false,
});

export const idParams = object({ id: text(100) }, ['id']);
export const keyParams = object({ key }, ['key']);
export const versionParams = object({ key, v: { type: 'integer', minimum: 1 } }, ['key', 'v']);

export const loginBody = object({ username: nonBlank(64), password: text(200, { minLength: 1 }) }, ['username', 'password']);

export const startInstanceBody = object({
  definitionKey: key,
  data: formData,
  orgUnitId: text(32, { pattern: '^[0-9]+$' }),
  title: text(200),
}, ['definitionKey']);

export const instancesQuery = object({
  definitionKey: key,
  status: { type: 'string', enum: ['running', 'completed', 'terminated'] },
  state: key,
  orgUnit: orgUnitRef,
  mine: flag,
  page,
  pageSize,
});

export const inboxQuery = object({
  status: { type: 'string', enum: ['open', 'claimed'] },
  definitionKey: key,
  state: key,
  orgUnit: orgUnitRef,
  overdue: flag,
  mine: flag,
  unclaimed: flag,
  sort: { type: 'string', enum: ['dueAt', 'createdAt'], default: 'dueAt' },
  page,
  pageSize,
});

export const completeTaskBody = object({ outcome: nonBlank(64), data: formData, comment: text(2000) }, ['outcome']);
export const commentBody = object({ text: nonBlank(2000) }, ['text']);
export const batchCompleteBody = object({
  taskIds: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 200, uniqueItems: true },
  outcome: nonBlank(64),
  comment: text(2000),
  data: formData,
}, ['taskIds', 'outcome']);

export const noticesQuery = object({
  town: orgUnitRef,
  village: orgUnitRef,
  status: { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' },
  page,
  pageSize,
});

export const objectionBody = object({
  content: nonBlank(2000),
  name: text(50),
  phone: text(30, { pattern: '^[0-9+() -]*$' }),
}, ['content']);

const householdFilters = {
  town: orgUnitRef,
  village: orgUnitRef,
  category: text(50),
  status: text(20),
  cause: text(50),
  q: text(100),
  unmask: flag,
  reason: text(500),
};
export const householdsQuery = object({ ...householdFilters, page, pageSize });
export const householdExportQuery = object(householdFilters);
export const householdQuery = object({ unmask: flag, reason: text(500) });

export const orgUnitsQuery = object({ parent: orgUnitRef, level: { type: 'string', enum: ['county', 'town', 'village', 'group'] } });

export const progressQuery = object({ year: { type: 'integer', minimum: 2000, maximum: 2100 } });

export const formQuery = object({ version: { type: 'integer', minimum: 1 } });

export const testClockBody = object({ advance: text(40, { pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$' }) }, ['advance']);
