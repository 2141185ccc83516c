import type { JsonSchema } from './request-validator';

/**
 * Schemas of the main answers, published as `components.schemas` in the OpenAPI document. Each
 * route declares its answers itself (`responses: { 200: { description, schema: schemaRef('Task') } }`);
 * the named shapes they refer to live here.
 */

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });
const stringList: JsonSchema = { type: 'array', items: { type: 'string' } };
const objectList: JsonSchema = { type: 'array', items: { type: 'object' } };
const localized: JsonSchema = { description: 'plain text, or { zh, en }', oneOf: [{ type: 'string' }, { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } }] };
const bilingual: JsonSchema = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const versionStatus: JsonSchema = { enum: ['draft', 'published', 'retired'] };
const subject: JsonSchema = {
  type: ['object', 'null'], description: 'what the case is about: 曾庆华 ****3012 · 董源村第三村民小组 (null until its first form names it)',
  properties: { text: { type: 'string' }, householdName: { type: 'string' }, idTail: { type: 'string' }, village: { type: 'string' }, name: { type: 'string' } },
};
const receiptNo: JsonSchema = { ...nullable('string'), description: '受理编号: county code, year, sequence (441424-2026-000123)' };
const fieldErrors: JsonSchema = { type: 'object', description: 'messages by JSON pointer', additionalProperties: stringList };
/** `{ items, total }` of a component, with `page` and `pageSize` when `paged`. */
export const listOf = (name: string, paged = false): JsonSchema => ({
  type: 'object', required: paged ? ['items', 'total', 'page', 'pageSize'] : ['items', 'total'],
  properties: { items: { type: 'array', items: ref(name) }, total: { type: 'integer' }, ...(paged ? { page: { type: 'integer' }, pageSize: { type: 'integer' } } : {}) },
});

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
    properties: {
      event: { type: 'string' }, label: { type: 'string' }, labelEn: { type: 'string' }, kind: { enum: ['forward', 'return', 'reject'] },
      batch: { enum: ['shared'], description: 'a roster may be completed at once with one form filled once' },
    },
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
      subject, receiptNo,
      daysLeft: { ...nullable('integer'), description: 'China-calendar days from the server\'s today to the due day; negative when overdue' },
      dueStatus: { enum: ['ok', 'dueSoon', 'overdue', null], description: 'by the server\'s clock: dueSoon with two days or fewer left' },
      prefill: { type: 'object', description: 'GET /api/tasks/:id of a task still to be done: what its form opens with, carried forward from earlier steps by the definition (meta.task.prefill); personal numbers masked' },
    },
  },
  SavedFilter: {
    type: 'object', required: ['id', 'name', 'query', 'createdAt'],
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, query: { type: 'object', description: 'the inbox query (GET /api/tasks)' }, createdAt: { type: 'string' } },
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
      subject, receiptNo,
    },
  },
  StepSummary: {
    type: 'object', required: ['id', 'definitionKey', 'definitionVersion', 'state', 'status', 'openedTasks'],
    description: 'the answer with `Prefer: return=minimal`: where the start or step left the case and the tasks it opened',
    properties: {
      id: { type: 'string', format: 'uuid' }, definitionKey: { type: 'string' }, definitionVersion: { type: 'integer' },
      state: { description: 'XState state value after the step' }, status: { enum: ['running', 'completed', 'terminated'] },
      openedTasks: { type: 'array', description: 'the tasks the step opened, enough to go on to them without reading the case', items: {
        type: 'object', required: ['id', 'state', 'formKey', 'title', 'titleEn', 'outcomes', 'status', 'orgUnitId', 'dueAt'],
        properties: {
          id: { type: 'string', format: 'uuid' }, state: { type: 'string' }, formKey: { type: 'string' }, title: { type: 'string' }, titleEn: { type: 'string' },
          outcomes: { type: 'array', items: ref('Outcome'), description: 'the forward outcome first' }, status: { enum: ['open'] }, orgUnitId: { type: 'string' },
          dueAt: nullable('string'),
        },
      } },
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
      place: { ...nullable('string'), description: 'the village and 村民小组 the case\'s subject names (董源村第三村民小组)' },
      content: { type: 'object', properties: { headName: { type: 'string', description: 'in full, or masked (张*明) where the county sets publicNotice.maskNames' }, headIdNumber: { type: 'string', description: 'masked: 441424********1234' },
        project: { type: 'object', description: 'a project notice (三公开): name, projectType, location, budget, fundSources, winner, amount, paid, beneficiaries, beneficiaryCount' } } },
      objectionHotline: { type: 'string', description: 'the county\'s phone for objections (one notice only)' },
      objectionAddress: { type: 'string', description: 'the county\'s address for objections (one notice only)' },
      photoIds: { type: 'array', items: { type: 'string' }, description: 'photos of the posted notice (GET /api/notices/:id/photos/:photoId)' },
      noticeNo: { type: 'string', description: '公示编号 as the village entered it (one notice only)' },
      noticeTitle: { type: 'string', description: 'the title as the village entered it (one notice only)' },
      batch: {
        type: 'array', description: 'every household the village posted under the same 公示编号, by 村民小组 (one notice only)',
        items: {
          type: 'object', properties: {
            noticeId: { type: 'string' }, headName: { type: 'string' }, headIdNumber: { type: 'string' }, group: nullable('string'),
            size: nullable('integer'), category: nullable('string'), cause: nullable('string'),
          },
        },
      },
    },
  },
  Attachment: {
    type: 'object', required: ['id', 'name', 'size', 'contentType', 'sha256'],
    properties: {
      id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, size: { type: 'integer' }, contentType: { enum: ['image/jpeg', 'image/png', 'application/pdf'] },
      sha256: { type: 'string' }, instanceId: nullable('string'), createdAt: { type: 'string' },
      takenAt: { type: 'string', description: 'EXIF time the photo was taken' },
      location: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } }, description: 'EXIF GPS position' },
    },
  },
  Household: {
    type: 'object',
    properties: {
      id: { type: 'string' }, headName: { type: 'string' }, headIdNumber: { type: 'string', description: 'masked unless unmasked with a reason' },
      townName: { type: 'string' }, villageName: { type: 'string' }, category: nullable('string'), status: { type: 'string' }, registeredAt: { type: 'string' },
    },
  },
  HouseholdVersion: {
    type: 'object', required: ['version', 'changeType', 'changedAt', 'headName', 'headIdNumber', 'status', 'size'],
    properties: {
      version: { type: 'integer' }, previousVersion: nullable('integer'), changeType: { type: 'string', description: '建档立卡, 出生, 婚入, 死亡, 婚出, 分户, 户主变更, 信息更正, 状态变更, 台账更新' },
      reason: nullable('string'), changedAt: { type: 'string' }, changedBy: nullable('string'), instanceId: nullable('string'), receiptNo: nullable('string'),
      headName: { type: 'string' }, headIdNumber: { type: 'string', description: 'masked unless unmasked with a reason' }, status: { type: 'string' }, size: { type: 'integer' },
      changes: { type: ['object', 'null'], description: 'what changed from the version before: membersAdded, membersRemoved, head { from, to }, fields [{ label, from, to }]' },
    },
  },
  ObjectionAnswer: {
    type: 'object', required: ['id', 'noticeId', 'status', 'receiptNo', 'filedAt', 'lookupBy'],
    properties: {
      id: { type: 'string' }, noticeId: { type: 'string' }, status: { const: 'received' },
      receiptNo: { type: 'string', description: '异议编号: county code, year, Y and sequence (441424-2026-Y000012)' }, filedAt: { type: 'string' },
      lookupBy: { enum: ['phone', 'code'], description: 'looked up with the phone\'s last four digits, or (no phone given) with lookupCode' },
      lookupCode: { type: 'string', description: 'four digits, only for an objection without a phone; shown once, on the receipt' },
    },
  },
  ObjectionStatus: {
    type: 'object', required: ['receiptNo', 'filedAt', 'notice', 'status', 'dueAt', 'result'],
    properties: {
      receiptNo: { type: 'string' }, filedAt: { type: 'string' },
      notice: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, townName: nullable('string'), villageName: nullable('string') } },
      status: { enum: ['received', 'reviewing', 'concluded', 'closed'] }, dueAt: nullable('string'),
      result: { type: ['object', 'null'], properties: { label: { type: 'string' }, labelEn: { type: 'string' }, at: { type: 'string' } } },
    },
  },
  ImportReport: {
    type: 'object',
    properties: {
      total: { type: 'integer' }, imported: { type: 'integer' }, failed: { type: 'integer' },
      rows: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, ok: { type: 'boolean' }, id: { type: 'string' }, errors: { type: 'array', items: { type: 'string' } } } } },
    },
  },
  Form: {
    type: 'object', required: ['key', 'version', 'schema', 'uiSchema'],
    properties: {
      key: { type: 'string', description: 'e.g. household-identification.application' }, version: { type: 'integer' },
      status: { enum: ['draft', 'published', 'retired'] }, title: localized,
      schema: { type: 'object', description: 'JSON Schema 2020-12 of the form data, with examples' }, uiSchema: { type: 'object', description: 'how @rjsf lays the form out' },
    },
  },
  VersionSummary: {
    type: 'object', required: ['version', 'status', 'publishedAt', 'createdAt'],
    properties: {
      version: { type: 'integer' }, status: versionStatus, publishedAt: nullable('string'), createdAt: { type: 'string' },
      runningInstances: { type: 'integer', description: 'admins only: running instances pinned to this version' },
    },
  },
  Definition: {
    type: 'object', required: ['key', 'title', 'titles', 'currentVersion', 'starterRoles', 'versions', 'tasks', 'ends'],
    properties: {
      key: { type: 'string' }, title: localized, titles: bilingual, description: { oneOf: [localized, { type: 'null' }] },
      currentVersion: { ...nullable('integer'), description: 'the published version new instances start on' },
      starterRoles: { type: 'array', items: { type: 'string' } }, versions: { type: 'array', items: ref('VersionSummary') },
      tasks: { type: 'array', items: { type: 'object', required: ['state', 'title'], properties: { state: { type: 'string' }, title: bilingual } } },
      ends: {
        type: 'array', description: 'the final states that say how a case ended there (meta.end): a finished case\'s state names its ending',
        items: { type: 'object', required: ['state', 'title', 'refused'], properties: { state: { type: 'string' }, title: bilingual, refused: { type: 'boolean' } } },
      },
    },
  },
  DefinitionVersion: {
    type: 'object', required: ['key', 'version', 'status'],
    properties: {
      key: { type: 'string' }, version: { type: 'integer' }, status: versionStatus, title: localized,
      description: { oneOf: [localized, { type: 'null' }] }, orgLevel: nullable('string'), starterRoles: { type: 'array', items: { type: 'string' } },
      settings: { type: 'object' }, publishedAt: nullable('string'), createdAt: { type: 'string' },
      machine: { type: 'object', description: 'the XState machine config' }, formVersions: { type: ['object', 'null'], additionalProperties: { type: 'integer' } },
      document: { type: 'object', description: 'admins only: the definition document as stored' }, lint: ref('LintResult'),
      delays: { type: 'object', additionalProperties: { type: 'string' }, description: 'admins only: the county\'s named durations this year (`noticePeriod` → `P7D`), what a `$name` delay stands for' },
    },
  },
  LintResult: {
    type: 'object', required: ['ok', 'issues'],
    properties: {
      ok: { type: 'boolean', description: 'true when no issue is an error: the definition may be published' },
      issues: { type: 'array', items: { type: 'object', required: ['severity', 'code', 'message', 'path'], properties: {
        severity: { enum: ['error', 'warning'] }, code: { type: 'string' }, message: { type: 'string' },
        path: { type: 'string', description: 'JSON pointer into the document' }, stateId: { type: 'string' }, field: { type: 'string' },
      } } },
    },
  },
  DefinitionDraft: {
    type: 'object', required: ['key', 'version', 'status', 'document', 'formVersions', 'lint'],
    properties: {
      key: { type: 'string' }, version: { type: 'integer' }, status: { const: 'draft' }, document: { type: 'object' },
      formVersions: { type: 'object', additionalProperties: { type: 'integer' } }, lint: ref('LintResult'),
    },
  },
  PublishedVersion: {
    type: 'object', required: ['key', 'version', 'status', 'publishedAt', 'formVersions'],
    properties: {
      key: { type: 'string' }, version: { type: 'integer' }, status: { const: 'published' }, publishedAt: { type: 'string' },
      formVersions: { type: 'object', additionalProperties: { type: 'integer' } },
    },
  },
  DefinitionDiff: {
    type: 'object', required: ['from', 'to', 'states', 'transitions', 'forms'],
    properties: {
      from: { type: 'integer' }, to: { type: 'integer' },
      states: { type: 'object', properties: { added: stringList, removed: stringList, changed: { type: 'array', items: { type: 'object' } } } },
      transitions: { type: 'object', properties: { added: objectList, removed: objectList, changed: objectList } },
      forms: { type: 'object', properties: { added: stringList, removed: stringList, changed: objectList } },
    },
  },
  Simulation: {
    type: 'object', required: ['steps', 'final'],
    properties: {
      steps: { type: 'array', items: { type: 'object', required: ['index', 'kind', 'accepted'], properties: {
        index: { type: 'integer' }, kind: { enum: ['outcome', 'event', 'advance'] }, label: { type: 'string' }, stateBefore: {}, stateAfter: {},
        accepted: { type: 'boolean' }, errors: fieldErrors, openedTasks: objectList, closedTasks: stringList,
        timersScheduled: objectList, timersFired: objectList, effects: objectList,
      } } },
      final: { type: 'object', properties: { state: {}, status: { enum: ['running', 'completed'] }, openTasks: objectList, timers: objectList, data: { type: 'object' }, now: { type: 'string' } } },
    },
  },
  Migration: {
    type: 'object', required: ['dryRun', 'fromVersion', 'toVersion', 'unmapped', 'items'],
    properties: {
      dryRun: { type: 'boolean' }, fromVersion: { type: 'integer' }, toVersion: { type: 'integer' },
      unmapped: { ...stringList, description: 'states of the old version with no place in the new one' },
      items: { type: 'array', items: { type: 'object', required: ['instanceId', 'status'], properties: {
        instanceId: { type: 'string', format: 'uuid' }, orgUnitId: nullable('string'), fromState: {}, toState: {},
        closeTasks: stringList, openTasks: stringList, cancelTimers: stringList, scheduleTimers: objectList,
        status: { enum: ['ok', 'migrated', 'failed', 'skipped'] }, error: { type: 'string' },
      } } },
    },
  },
  InstanceSummary: {
    type: 'object', required: ['id', 'definitionKey', 'definitionVersion', 'state', 'status', 'orgUnitId'],
    properties: {
      id: { type: 'string', format: 'uuid' }, definitionKey: { type: 'string' }, definitionVersion: { type: 'integer' }, title: nullable('string'),
      state: { description: 'XState state value' }, status: { enum: ['running', 'completed', 'terminated'] },
      orgUnitId: { type: 'string' }, orgUnitName: nullable('string'), createdAt: { type: 'string' }, updatedAt: { type: 'string' },
      subject, receiptNo,
      currentSteps: { type: 'array', description: 'the steps open now: title and the unit that holds each', items: { type: 'object', properties: { title: localized, orgUnitName: nullable('string'), dueAt: nullable('string') } } },
      endedAt: nullable('string'),
    },
  },
  HistoryVerification: {
    type: 'object', required: ['ok', 'events'],
    properties: {
      ok: { type: 'boolean' }, events: { type: 'integer', description: 'events checked' },
      brokenAt: { type: 'integer', description: 'the first event that does not chain, when ok is false' }, kind: { type: 'string' }, reason: bilingual,
    },
  },
  Message: {
    type: 'object', required: ['id', 'kind', 'title', 'createdAt', 'readAt'],
    description: 'a message in the user\'s 消息 list (task assigned, returned, objection, due soon, overdue, reassigned, urged, case event)',
    properties: {
      id: { type: 'string', format: 'uuid' }, kind: { type: 'string' }, title: { type: 'string' }, body: nullable('string'),
      instanceId: nullable('string'), taskId: nullable('string'), subject: { type: ['object', 'null'] }, createdAt: { type: 'string' }, readAt: nullable('string'),
    },
  },
  MessagePage: {
    type: 'object', required: ['items', 'total', 'unread', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('Message') }, total: { type: 'integer' }, unread: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  Colleague: {
    type: 'object', required: ['id', 'username', 'displayName'],
    properties: { id: { type: 'string', format: 'uuid' }, username: { type: 'string' }, displayName: { type: 'string' } },
  },
  TaskComment: {
    type: 'object', required: ['id', 'taskId', 'text', 'author', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' }, taskId: { type: 'string', format: 'uuid' }, text: { type: 'string' },
      author: { type: 'object', required: ['username', 'displayName'], properties: { username: { type: 'string' }, displayName: { type: 'string' } } },
      createdAt: { type: 'string' },
    },
  },
  OrgUnit: {
    type: 'object', required: ['id', 'parentId', 'level', 'name'],
    properties: {
      id: { type: 'string' }, parentId: nullable('string'), level: { enum: ['county', 'town', 'village', 'group', 'department'] }, name: { type: 'string' },
      path: { type: 'string' }, relativelyPoor: { type: 'boolean' }, demo: { type: 'boolean' },
    },
  },
  AdminUser: {
    type: 'object', required: ['id', 'username', 'displayName', 'roles', 'orgUnitId', 'orgUnitName', 'disabled', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' }, username: { type: 'string' }, displayName: { type: 'string' }, roles: stringList,
      orgUnitId: { type: 'string' }, orgUnitName: nullable('string'), disabled: { type: 'boolean' }, createdAt: { type: 'string' },
    },
  },
  AuditEvent: {
    type: 'object', required: ['id', 'at', 'actor', 'action', 'target', 'reason', 'details'],
    properties: {
      id: { type: 'string' }, at: { type: 'string' },
      actor: { type: ['object', 'null'], properties: { username: { type: 'string' }, roles: stringList } },
      action: { type: 'string' }, target: nullable('string'), reason: nullable('string'), details: {},
    },
  },
  Health: {
    type: 'object', required: ['status', 'draining', 'uptimeSeconds'],
    properties: {
      status: { enum: ['ok'] }, draining: { type: 'boolean', description: 'the process is shutting down' },
      uptimeSeconds: { type: 'integer' },
    },
  },
  Readiness: {
    type: 'object', required: ['status', 'database', 'migrations', 'queue', 'disk', 'draining', 'details', 'time'],
    properties: {
      status: { enum: ['ok', 'unavailable', 'draining'] }, database: { enum: ['ok', 'down'] },
      migrations: { enum: ['ok', 'missing', 'unknown'], description: 'whether the database has every migration this release ships' },
      queue: { enum: ['ok', 'down', 'off'] }, disk: { type: 'string', description: 'ok, low or unknown' },
      draining: { type: 'boolean', description: 'the process is shutting down' },
      details: { type: 'object', description: 'each probe\'s answer or error' }, time: { type: 'string' },
    },
  },
  Clock: {
    type: 'object', required: ['now'],
    properties: { now: { type: 'string', description: 'ISO 8601' }, fired: { type: 'integer', description: 'timers fired by the move' } },
  },
};

/** A reference to one of {@link componentSchemas}. */
export const schemaRef = ref;

/** `{ items }`: a list of one of {@link componentSchemas}. */
export const itemsOf = (name: string): JsonSchema => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref(name) } } });
