import type { JsonSchema } from './request-validator';
import type { HeaderSpec } from './route-table';

/**
 * The request schemas: they check every body, query string and path parameter at the edge and
 * are what `/api/openapi.json` publishes. Bodies refuse unknown fields.
 */

const text = (maxLength: number, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', maxLength, ...extra });
const nonBlank = (maxLength: number): JsonSchema => text(maxLength, { minLength: 1, pattern: '\\S' });
/** A yes/no query flag: `1`/`true` or `0`/`false`. */
const flag: JsonSchema = { type: 'string', enum: ['1', '0', 'true', 'false'] };
// Every number a query string or path carries has a maximum: AJV coerces `1e300` to a number that
// an SQL integer column refuses, which came back as a 500 rather than a 400.
const page: JsonSchema = { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 };
/** A definition or form version number. */
const version: JsonSchema = { type: 'integer', minimum: 1, maximum: 1_000_000 };
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
export const versionParams = object({ key, v: version }, ['key', 'v']);

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
  handled: flag,
  q: text(50),
  page,
  pageSize,
});

export const inboxQuery = object({
  status: { type: 'string', enum: ['open', 'claimed'] },
  definitionKey: key,
  state: key,
  orgUnit: orgUnitRef,
  overdue: flag,
  dueSoon: flag,
  q: text(50),
  mine: flag,
  unclaimed: flag,
  sort: { type: 'string', enum: ['dueAt', 'createdAt'], default: 'dueAt' },
  page,
  pageSize,
});

export const completeTaskBody = object({ outcome: nonBlank(64), data: formData, comment: text(2000) }, ['outcome']);
export const savedFilterBody = object({
  name: nonBlank(40),
  query: object({
    status: { type: 'string', enum: ['open', 'claimed', ''] }, definitionKey: key, state: key, orgUnit: orgUnitRef, overdue: { type: 'boolean' },
    dueSoon: { type: 'boolean' }, mine: { type: 'boolean' }, unclaimed: { type: 'boolean' }, q: text(50), sort: { type: 'string', enum: ['dueAt', 'createdAt'] },
  }),
}, ['name', 'query']);
export const commentBody = object({ text: nonBlank(2000) }, ['text']);
/** 转办: the colleague (a user id) and an optional note. */
export const reassignBody = object({ userId: nonBlank(100), comment: text(2000) }, ['userId']);
/** 催办: an optional note to the task's workers. */
export const urgeBody = object({ text: text(500) });
export const messagesQuery = object({ unread: flag, page, pageSize });
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

/** 异议编号 (`441424-2026-Y000012`, the Y in either case) and the phone's last four digits or the lookup code. */
export const objectionLookupBody = object({
  receiptNo: text(40, { pattern: '^\\s*\\d{6}-\\d{4}-[Yy]\\d{6}\\s*$' }),
  phoneTail: text(10, { pattern: '^\\s*\\d{4}\\s*$' }),
}, ['receiptNo', 'phoneTail']);

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
/** A read that may unmask personal numbers (`unmask=1` with a reason). */
export const unmaskQuery = householdQuery;

export const orgUnitsQuery = object({ parent: orgUnitRef, level: { type: 'string', enum: ['county', 'town', 'village', 'group', 'department'] } });

export const progressQuery = object({ year: { type: 'integer', minimum: 2000, maximum: 2100 } });

export const formQuery = object({ version, draft: flag });

// ---- Admin editing (scratch/admin-contract.md) ----

const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const labelObject: JsonSchema = {
  type: 'object', properties: { zh: nonBlank(200), en: text(200) }, required: ['zh'], additionalProperties: false,
};
/** A label as `{ zh, en? }` or plain text (taken as the Chinese label). */
const label: JsonSchema = { oneOf: [nonBlank(200), labelObject] };
const roleName = text(64, { pattern: '^[a-z_]+$' });
const orgUnitCode = text(15, { pattern: '^[0-9]{6,15}$' });

/** A definition document as the editor sends it: the shapes are checked here, everything else by lint. */
const definitionDocument: JsonSchema = {
  type: 'object',
  required: ['machine'],
  properties: {
    key: key,
    title: { anyOf: [{ type: 'string' }, { type: 'object' }] },
    description: { anyOf: [{ type: 'string' }, { type: 'object' }, { type: 'null' }] },
    orgLevel: { type: 'string', enum: ['village', 'town', 'county'] },
    starterRoles: { type: 'array', items: text(64), maxItems: 20 },
    startForm: text(200),
    settings: { type: 'object' },
    meta: { type: 'object', description: 'definition-wide metadata, e.g. subject: JsonLogic rules naming what a case is about' },
    machine: { type: 'object' },
  },
};

export const createDefinitionBody = object({ key: text(60, { pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' }), title: label }, ['key', 'title']);
export const newDraftBody = object({ fromVersion: version });
export const draftBody = object({ document: definitionDocument }, ['document']);
export const diffQuery = object({ from: version, to: version }, ['from', 'to']);

const simulationStep: JsonSchema = {
  oneOf: [
    object({ kind: { const: 'outcome' }, outcome: nonBlank(64), data: { type: 'object' }, comment: text(2000) }, ['kind', 'outcome']),
    object({ kind: { const: 'event' }, type: nonBlank(100), data: {} }, ['kind', 'type']),
    object({ kind: { const: 'advance' }, duration: nonBlank(40) }, ['kind', 'duration']),
  ],
};
const formDocumentBody: JsonSchema = {
  type: 'object', required: ['schema'],
  properties: { title: label, schema: { type: 'object' }, uiSchema: { type: 'object' } },
};
export const simulateBody = object({
  document: definitionDocument,
  forms: { type: 'object', additionalProperties: formDocumentBody, maxProperties: 100 },
  startData: { type: 'object' },
  startAt: { type: 'string', format: 'date-time' },
  settings: { type: 'object' },
  steps: { type: 'array', items: simulationStep, maxItems: 500 },
}, ['document', 'steps']);

export const migrationBody = object({
  fromVersion: version,
  toVersion: version,
  mapping: { type: 'object', additionalProperties: text(200, { pattern: '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$' }), maxProperties: 500 },
  dryRun: { type: 'boolean' },
  instanceIds: { type: 'array', items: uuid, maxItems: 5000, uniqueItems: true },
}, ['fromVersion', 'toVersion', 'mapping', 'dryRun']);

export const formBody = object({ title: label, schema: { type: 'object' }, uiSchema: { type: 'object' } }, ['title', 'schema']);

export const usersQuery = object({ q: text(100), orgUnitId: orgUnitCode, role: roleName, page, pageSize });
export const createUserBody = object({
  username: text(64, { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$' }),
  displayName: nonBlank(100),
  password: text(200),
  roles: { type: 'array', items: roleName, minItems: 1, maxItems: 10, uniqueItems: true },
  orgUnitId: orgUnitCode,
}, ['username', 'displayName', 'password', 'roles', 'orgUnitId']);
export const updateUserBody = object({
  displayName: nonBlank(100),
  roles: { type: 'array', items: roleName, minItems: 1, maxItems: 10, uniqueItems: true },
  orgUnitId: orgUnitCode,
  disabled: { type: 'boolean' },
  password: text(200),
});
export const createOrgUnitBody = object({
  id: orgUnitCode, parentId: orgUnitCode, level: { type: 'string', enum: ['town', 'village', 'group', 'department'] }, name: nonBlank(100), relativelyPoor: { type: 'boolean' },
}, ['id', 'parentId', 'level', 'name']);
export const updateOrgUnitBody = object({ name: nonBlank(100), relativelyPoor: { type: 'boolean' } });
export const auditQuery = object({
  action: text(100), actor: text(64), target: text(200),
  from: { type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] }, to: { type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] }, page, pageSize,
});

export const testClockBody = object({ advance: text(40, { pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$' }) }, ['advance']);

/** `Idempotency-Key` on a submission: a repeat with the same key and body answers the first answer and changes nothing. */
export const IDEMPOTENCY_KEY_HEADER: HeaderSpec = {
  name: 'Idempotency-Key',
  description: 'made by the client per submission (8 to 100 of A-Z a-z 0-9 _ . : -); a repeat with the same body gets the first answer again (Idempotent-Replayed: true) and changes nothing, with another body a 409',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
};

/** `Prefer: return=minimal` (RFC 7240): the step's summary instead of the whole case. */
export const PREFER_HEADER: HeaderSpec = {
  name: 'Prefer',
  description: '`return=minimal` answers the step\'s summary (StepSummary) instead of the whole case, and says so with Preference-Applied; a repeat of an Idempotency-Key answers what the first request got',
  schema: { type: 'string', examples: ['return=minimal'] },
};
