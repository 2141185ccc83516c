import type { JsonSchema } from './request-validator';

/** Schemas of the main answers, published as `components.schemas` in the OpenAPI document. */

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });

export const componentSchemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: {
      code: { type: 'string' }, message: { type: 'string' },
      fields: { type: 'object', description: 'messages by JSON pointer', additionalProperties: { type: 'array', items: { type: 'string' } } },
    } } },
  },
  User: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' }, username: { type: 'string' }, displayName: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } }, orgUnitId: { type: 'string' }, orgUnitName: { type: 'string' }, orgPath: { type: 'string' },
    },
  },
  Outcome: {
    type: 'object', required: ['event', 'label'],
    properties: { event: { type: 'string' }, label: { type: 'string' }, labelEn: { type: 'string' }, kind: { enum: ['forward', 'return', 'reject'] } },
  },
  Task: {
    type: 'object',
    required: ['id', 'instanceId', 'definitionKey', 'definitionVersion', 'state', 'title', 'formKey', 'outcomes', 'candidateRoles', 'orgUnitId', 'assignee', 'status', 'dueAt', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' }, instanceId: { type: 'string', format: 'uuid' }, definitionKey: { type: 'string' },
      definitionVersion: { type: 'integer' }, state: { type: 'string' }, title: { type: 'string' }, titleEn: { type: 'string' },
      formKey: { type: 'string' }, outcomes: { type: 'array', items: ref('Outcome'), description: 'the forward outcome first' },
      candidateRoles: { type: 'array', items: { type: 'string' } }, orgUnitId: { type: 'string' }, orgUnitName: nullable('string'),
      assignee: { ...nullable('string'), description: 'username of the claimant' },
      status: { enum: ['open', 'claimed', 'completed', 'cancelled'] }, dueAt: nullable('string'), createdAt: { type: 'string' },
    },
  },
  TaskPage: {
    type: 'object', required: ['items', 'total', 'page', 'pageSize', 'counts', 'totalCapped'],
    properties: {
      items: { type: 'array', items: ref('Task') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' },
      counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'tasks per state under every filter but state' },
      totalCapped: { type: 'boolean', description: 'true when a count reached 10,000: total and counts are then lower bounds' },
    },
  },
  Instance: {
    type: 'object',
    required: ['id', 'definitionKey', 'definitionVersion', 'state', 'status', 'orgUnitId', 'data', 'tasks', 'timers', 'history'],
    properties: {
      id: { type: 'string', format: 'uuid' }, definitionKey: { type: 'string' }, definitionVersion: { type: 'integer' },
      state: { description: 'XState state value: "verification" or { "publicNotice": "running" }' },
      status: { enum: ['running', 'completed', 'terminated'] }, orgUnitId: { type: 'string' }, data: { type: 'object' },
      tasks: { type: 'array', items: ref('Task') }, timers: { type: 'array', items: { type: 'object' } }, history: { type: 'array', items: { type: 'object' } },
    },
  },
  BatchResults: {
    type: 'object', required: ['results'],
    properties: { results: { type: 'array', items: { type: 'object', required: ['taskId', 'ok', 'status'], properties: {
      taskId: { type: 'string' }, ok: { type: 'boolean' }, status: { type: 'integer' }, error: ref('Error'),
    } } } },
  },
  Notice: {
    type: 'object',
    properties: {
      id: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, status: { enum: ['open', 'closed'] },
      startsAt: { type: 'string' }, endsAt: nullable('string'), townName: { type: 'string' }, villageName: { type: 'string' },
      content: { type: 'object', properties: { headName: { type: 'string', description: 'masked: 张*明' }, headIdNumber: { type: 'string', description: 'masked: 441424********1234' } } },
    },
  },
  Household: {
    type: 'object',
    properties: {
      id: { type: 'string' }, headName: { type: 'string' }, headIdNumber: { type: 'string', description: 'masked unless unmasked with a reason' },
      townName: { type: 'string' }, villageName: { type: 'string' }, category: nullable('string'), status: { type: 'string' }, registeredAt: { type: 'string' },
    },
  },
  ImportReport: {
    type: 'object',
    properties: {
      total: { type: 'integer' }, imported: { type: 'integer' }, failed: { type: 'integer' },
      rows: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, ok: { type: 'boolean' }, id: { type: 'string' }, errors: { type: 'array', items: { type: 'string' } } } } },
    },
  },
};

/** A reference to one of {@link componentSchemas}. */
export const schemaRef = ref;
